using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Botify.Gateway.Tests;

/// <summary>
/// Far more connections than the service can serve at once (2,000 by default, BOTIFY_OVERLOAD_CONNECTIONS
/// overrides; BOTIFY_SOAK=1 runs a minute instead of 8 s), driven by wrk so the load generator does not
/// share the service's thread pool: the excess is shed with 503 JSON, every request is answered, memory stays flat,
/// `GET /` keeps answering, and the service serves normally afterwards.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed partial class OverloadTests(ITestOutputHelper output)
{
    private static readonly string Catalog = TestCatalogFolder.Write();

    // Counts statuses per wrk thread and sums them in done(); 5,000 users, so grains are reused as in real traffic.
    private const string Script = """
        local threads = {}
        function setup(thread) table.insert(threads, thread) end
        function init(args) ok = 0; shed = 0; other = 0; nojson = 0; n = 0 end
        function request()
          n = n + 1
          local user = math.random(1, 5000)
          return wrk.format("POST", "/next/" .. user, {["Content-Type"] = "application/json"}, '{"track":' .. (n % 200) .. ',"time":0.5}')
        end
        function response(status, headers, body)
          if status == 200 then ok = ok + 1 elseif status == 503 then shed = shed + 1 else other = other + 1 end
          if status ~= 200 and not string.find(body, '"message"', 1, true) then nojson = nojson + 1 end
        end
        function done(summary, latency, requests)
          local o, s, x, j = 0, 0, 0, 0
          for _, t in ipairs(threads) do o = o + t:get("ok"); s = s + t:get("shed"); x = x + t:get("other"); j = j + t:get("nojson") end
          io.write(string.format("STATUS ok=%d shed=%d other=%d nojson=%d\n", o, s, x, j))
          io.write(string.format("LATENCY p50=%d p99=%d max=%d\n", latency:percentile(50), latency:percentile(99), latency.max))
          local e = summary.errors
          io.write(string.format("ERRORS connect=%d read=%d write=%d timeout=%d\n", e.connect, e.read, e.write, e.timeout))
        end
        """;

    [Fact]
    public async Task Far_more_connections_than_slots_are_shed_with_503_and_memory_stays_bounded()
    {
        var connections = int.TryParse(Environment.GetEnvironmentVariable("BOTIFY_OVERLOAD_CONNECTIONS"), out var c) ? c : 2_000;
        var seconds = Environment.GetEnvironmentVariable("BOTIFY_SOAK") == "1" ? 60 : 8;
        // The service's defaults (BOTIFY_OVERLOAD_SLOTS / BOTIFY_OVERLOAD_QUEUE try others).
        var defaults = new GatewayOptions();
        var slots = int.TryParse(Environment.GetEnvironmentVariable("BOTIFY_OVERLOAD_SLOTS"), out var s) ? s : defaults.MaxConcurrentCalls;
        var queue = int.TryParse(Environment.GetEnvironmentVariable("BOTIFY_OVERLOAD_QUEUE"), out var q) ? q : defaults.CallQueueLimit;
        await using var app = new GatewayApp(catalog: Catalog, extra: new Dictionary<string, string?>
        {
            ["Botify:Gateway:MaxConcurrentCalls"] = slots.ToString(),
            ["Botify:Gateway:CallQueueLimit"] = queue.ToString(),
        });
        using (var warm = app.Http()) await (await warm.Next(1, 1, 0.5)).Expect(200);
        var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var rssBefore = process.WorkingSet64;

        var script = Path.Combine(Directory.CreateTempSubdirectory("botify-wrk-").FullName, "next.lua");
        await File.WriteAllTextAsync(script, Script);
        var wrk = new ProcessStartInfo("wrk")
        {
            ArgumentList = { "-t", "2", "-c", connections.ToString(), "-d", $"{seconds}s", "--timeout", "10s", "-s", script, $"http://127.0.0.1:{app.Port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process load;
        try
        {
            load = Process.Start(wrk)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("wrk is not installed: `apt-get install wrk` (the overload test drives the service with it)", e);
        }
        var stdout = load.StandardOutput.ReadToEndAsync();
        var stderr = load.StandardError.ReadToEndAsync();

        // Meanwhile: the service's memory, and the in-memory endpoint answering through the overload.
        var rss = new List<long>();
        var root = new List<double>();
        using (var probe = app.Http())
        {
            while (!load.HasExited)
            {
                await Task.Delay(250);
                var clock = Stopwatch.StartNew();
                await (await probe.GetAsync("/")).Expect(200);
                root.Add(clock.Elapsed.TotalSeconds);
                process.Refresh();
                rss.Add(process.WorkingSet64);
            }
        }
        await load.WaitForExitAsync();
        var text = await stdout + await stderr;
        output.WriteLine(text.Trim());

        var status = StatusLine().Match(text);
        var latency = LatencyLine().Match(text);
        var errors = ErrorsLine().Match(text);
        Assert.True(status.Success && latency.Success && errors.Success, $"wrk did not print the script's summary: {text}");
        long Of(Match m, string name) => long.Parse(m.Groups[name].Value);
        var ok = Of(status, "ok");
        var shed = Of(status, "shed");
        const double mb = 1024 * 1024;
        root.Sort();
        var firstHalfPeak = rss.Take(rss.Count / 2).DefaultIfEmpty(rssBefore).Max();
        var secondHalfPeak = rss.Skip(rss.Count / 2).DefaultIfEmpty(rssBefore).Max();
        var admission = (PlayAdmission)app.Services.GetService(typeof(PlayAdmission))!;
        output.WriteLine($"{connections:N0} connections for {seconds} s over {slots} slots + {queue} queued: {ok:N0} × 200 ({ok / (double)seconds:N0}/s), " +
            $"{shed:N0} × 503 ({admission.Shed:N0} shed at the limit), " +
            $"latency p50 {Of(latency, "p50") / 1000.0:F0} ms, p99 {Of(latency, "p99") / 1000.0:F0} ms, max {Of(latency, "max") / 1000.0:F0} ms, " +
            $"unanswered in 10 s {errors.Groups["timeout"].Value}; GET / median {root[root.Count / 2] * 1000:F1} ms, slowest {root[^1] * 1000:F0} ms; " +
            $"service RSS {rssBefore / mb:F0} MB before, peak {firstHalfPeak / mb:F0} MB in the first half, {secondHalfPeak / mb:F0} MB in the second");

        Assert.Equal(0, Of(status, "other"));
        Assert.Equal(0, Of(status, "nojson"));
        Assert.True(ok > connections, $"the service should keep serving under overload, served {ok}");
        Assert.True(admission.Shed > 0, $"{connections} connections over {slots} slots + {queue} queued should shed some");
        // Closed-loop clients wait connections / throughput on average whatever the service does (the CPU is the
        // queue on 2 cores); what must not happen is a request left unanswered: wrk gives up after 10 s.
        Assert.True(Of(errors, "timeout") * 1000 <= ok + shed, $"{Of(errors, "timeout")} requests unanswered after 10 s");
        Assert.Equal(0, Of(errors, "connect") + Of(errors, "read") + Of(errors, "write"));
        // The CPU is saturated, so GET / waits its turn like every request, but it is never shed and never stalls.
        Assert.True(root[root.Count / 2] < 5, $"GET / took {root[root.Count / 2]:F2} s (median) under overload");
        // Memory must not keep growing with the load: the second half peaks no higher than the first plus slack.
        Assert.True(secondHalfPeak < firstHalfPeak + 200 * mb, $"RSS kept growing: {firstHalfPeak / mb:F0} → {secondHalfPeak / mb:F0} MB");
        Assert.True(secondHalfPeak - rssBefore < 1024 * mb, $"RSS grew {(secondHalfPeak - rssBefore) / mb:F0} MB");

        // Afterwards: served normally.
        using var after = app.Http();
        await (await after.Next(50_000, 7, 0.5)).Expect(200);
    }

    [GeneratedRegex(@"STATUS ok=(?<ok>\d+) shed=(?<shed>\d+) other=(?<other>\d+) nojson=(?<nojson>\d+)")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"ERRORS connect=(?<connect>\d+) read=(?<read>\d+) write=(?<write>\d+) timeout=(?<timeout>\d+)")]
    private static partial Regex ErrorsLine();

    [GeneratedRegex(@"LATENCY p50=(?<p50>\d+) p99=(?<p99>\d+) max=(?<max>\d+)")]
    private static partial Regex LatencyLine();
}
