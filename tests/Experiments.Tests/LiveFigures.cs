using System.Text.Json;
using Botify.Contracts.AbTesting;
using Botify.Contracts.EventLog;
using Botify.Lab.Analysis;
using Xunit.Abstractions;

namespace Botify.Experiments.Tests;

/// <summary>Reads `GET /experiments/{name}` and compares it with `Lab ab` on the gateways' event logs.</summary>
internal static class LiveFigures
{
    /// <summary>Percentage points within which the live effect and interval bounds must match `Lab ab`'s.</summary>
    public const double Tolerance = 0.1;

    public static async Task<JsonElement> ReadAsync(HttpClient http, string experiment)
    {
        using var response = await http.GetAsync($"experiments/{experiment}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /experiments/{experiment}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static long Sessions(JsonElement live) => live.GetProperty("arms").EnumerateArray().Sum(a => a.GetProperty("sessions").GetInt64());

    /// <summary>`Lab ab` over every log folder (the event lines written so far).</summary>
    public static AbReport LabAb(string experiment, params string[] logFolders)
    {
        var events = new List<LogEvent>();
        foreach (var folder in logFolders) events.AddRange(EventLogReader.Read(folder).Events);
        return AbAnalysis.Analyse(events, experiment);
    }

    /// <summary>
    /// Waits until the live aggregate and the logs show the same number of closed sessions (contributions arrive after the
    /// answers, log lines after the writer's next flush), then returns both.
    /// </summary>
    public static async Task<(JsonElement Live, AbReport Log)> SettledAsync(HttpClient http, string experiment, params string[] logFolders)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var live = await ReadAsync(http, experiment);
            var log = LabAb(experiment, logFolders);
            if (Sessions(live) == log.ClosedSessions) return (live, log);
            if (DateTime.UtcNow > deadline) return (live, log); // the caller's assertions say what differs
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Same arms, users, sessions and tracks; per row of every metric recorded in the log alike (all but the latency) the
    /// effect and both Welch bounds within <see cref="Tolerance"/> percentage points and the same significance. The
    /// latency is measured by the grain from the gateway's receipt to the state write, a part of what the log records.
    /// </summary>
    /// <param name="sessionSlack">Failed requests of the run: a failed `last` may have been applied by its grain, so each arm's
    /// live counts may exceed the log's by up to this many sessions (and the live users and tracks by as much as they bring).</param>
    public static void AssertAgree(AbReport log, JsonElement live, ITestOutputHelper output, long sessionSlack = 0)
    {
        var arms = live.GetProperty("arms").EnumerateArray().ToDictionary(a => a.GetProperty("arm").GetString()!);
        foreach (var arm in log.Arms)
        {
            Assert.True(arms.TryGetValue(arm.Arm, out var a), $"arm {arm.Arm} is missing from the live figures");
            output.WriteLine($"arm {arm.Arm}: log {arm.Users} users, {arm.ClosedSessions} sessions, {arm.Tracks} tracks; live {a.GetProperty("users")} users, "
                + $"{a.GetProperty("sessions")} sessions, {a.GetProperty("tracks")} tracks");
            if (sessionSlack == 0)
            {
                Assert.Equal((arm.Users, arm.ClosedSessions, arm.Tracks),
                    (a.GetProperty("users").GetInt32(), a.GetProperty("sessions").GetInt64(), a.GetProperty("tracks").GetInt64()));
            }
            else
            {
                Assert.InRange(a.GetProperty("sessions").GetInt64() - arm.ClosedSessions, 0, sessionSlack);
                Assert.InRange(a.GetProperty("users").GetInt32() - arm.Users, 0, sessionSlack);
            }
        }

        var rows = live.GetProperty("rows").EnumerateArray().ToDictionary(r => (r.GetProperty("treatment").GetString()!, r.GetProperty("metric").GetString()!));
        Assert.Equal(log.Rows.Count, rows.Count);
        foreach (var row in log.Rows)
        {
            var r = rows[(row.Treatment, row.Metric)];
            double F(string name) => r.GetProperty(name).GetDouble();
            output.WriteLine($"{row.Treatment} {row.Metric}: log {row.Effect:+0.00;-0.00} % [{row.Lower:0.00}, {row.Upper:0.00}] "
                + $"{(row.Significant ? "sig." : "n.s.")}; live {F("effect"):+0.00;-0.00} % [{F("lower"):0.00}, {F("upper"):0.00}] "
                + $"{(r.GetProperty("significant").GetBoolean() ? "sig." : "n.s.")}, "
                + $"always-valid [{F("seq_lower"):0.00}, {F("seq_upper"):0.00}]");
            Assert.True(F("seq_lower") <= F("lower") && F("seq_upper") >= F("upper"),
                $"{row.Treatment} {row.Metric}: always-valid interval inside the Welch one");
            if (row.Metric == AbMetrics.MeanRequestLatency)
            {
                // Part of each logged request's time, so never more than the log's mean (ms per track).
                Assert.InRange(F("control_mean"), 0, row.ControlMean);
                Assert.InRange(F("treatment_mean"), 0, row.TreatmentMean);
                continue;
            }
            Assert.InRange(F("effect"), row.Effect - Tolerance, row.Effect + Tolerance);
            Assert.InRange(F("lower"), row.Lower - Tolerance, row.Lower + Tolerance);
            Assert.InRange(F("upper"), row.Upper - Tolerance, row.Upper + Tolerance);
            Assert.Equal(row.Significant, r.GetProperty("significant").GetBoolean());
        }
    }
}
