using System.Diagnostics;
using System.Text.Json;
using Botify.TestSupport;
using Xunit.Abstractions;

namespace Botify.Gateway.Tests;

/// <summary>
/// The gateway's event log on a real 256 KiB tmpfs that fills up under load: requests it cannot log are refused
/// (503 naming the event log, Retry-After, nothing applied), `/health` says why, the writer recovers by itself when
/// space returns, and every acknowledged request is exactly one whole line on disk.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class EventLogFullDiskTests(ITestOutputHelper output)
{
    private const int Workers = 8;
    private static readonly string Catalog = TestCatalogFolder.Write();

    [TmpfsFact]
    public async Task A_full_disk_refuses_plays_until_space_returns_and_every_acknowledged_play_is_one_line_on_disk()
    {
        using var disk = Tmpfs.Mount(256 * 1024);
        var logDir = Path.Combine(disk.Path, "log");
        await using var app = new GatewayApp(catalog: Catalog, logDir: logDir, instance: "full", extra: new Dictionary<string, string?>
        {
            ["Botify:EventLog:RetryInterval"] = "00:00:00.2",
        });
        using var http = app.Http();
        using var admin = app.AdminHttp(); // the detailed /health and /user are on the management listener
        var warmUp = (await (await http.Next(1, 1, 0.5)).Expect(200)).GetProperty("track").GetInt32();
        var filler = disk.Fill(leaveBytes: 48 * 1024);
        output.WriteLine($"tmpfs {disk.Path}: filler {filler:N0} bytes, {disk.Available:N0} bytes left for the log");

        var load = new PlayLoad(app, Workers);
        var clock = Stopwatch.StartNew();
        var health = await WaitForAsync(admin, h => h.Status == 503, TimeSpan.FromSeconds(60), "the disk to fill up");
        var filledAfter = clock.Elapsed;
        await load.WaitForRefusalsAsync(2_000);
        // While the disk is full: what /health says, how much is held in memory.
        health = await ReadHealthAsync(admin);
        var eventLog = health.Body.GetProperty("eventLog");
        output.WriteLine($"full after {filledAfter.TotalSeconds:F1} s: /health {health.Status}: {health.Body.GetProperty("message").GetString()}");
        output.WriteLine($"  eventLog {eventLog}");
        Assert.Equal("not ready", health.Body.GetProperty("status").GetString());
        Assert.Equal("cannot write", eventLog.GetProperty("state").GetString());
        Assert.Contains("No space left on device", eventLog.GetProperty("problem").GetString());
        var queuedWhileFull = eventLog.GetProperty("queued").GetInt64();
        Assert.InRange(queuedWhileFull, 0, eventLog.GetProperty("capacity").GetInt64());
        var rssWhileFull = health.Body.GetProperty("process").GetProperty("workingSetBytes").GetInt64();

        // A refused play is not applied: the user's history does not have it, and sending it again after recovery applies it once.
        var refused = load.FirstRefusal!.Value;
        Assert.Equal("1", refused.RetryAfter);
        Assert.Contains("event log cannot write", refused.Message);
        Assert.Contains("was not applied", refused.Message);

        // Space returns, and more than the load can fill again before it stops: on a quiet machine 8 workers log the ~200 KiB
        // of the filler alone (about 170 bytes a line) in a fraction of a second.
        disk.Free();
        disk.Resize(16 * 1024 * 1024);
        var freed = Stopwatch.StartNew();
        await load.WaitForAcknowledgedAfterAsync(freed);
        var recovery = freed.Elapsed;
        await Task.Delay(200);
        await load.StopAsync();

        var ackedPlays = load.Acknowledged();
        foreach (var (user, plays) in ackedPlays)
        {
            var history = await admin.History(user);
            var expected = plays.Select(p => p.Track).TakeLast(history.Length).ToArray();
            Assert.True(expected.SequenceEqual(history), $"user {user}: the history must be exactly the acknowledged plays, no refused one");
        }
        var before = await admin.History(refused.User);
        var resent = (await (await http.Next(refused.User, refused.Track, 0.5)).Expect(200)).GetProperty("track").GetInt32();
        var after = await admin.History(refused.User);
        Assert.Equal([.. before.Skip(before.Length == 100 ? 1 : 0), refused.Track], after);
        var healthAfter = await ReadHealthAsync(admin);
        Assert.Equal(200, healthAfter.Status);

        var counts = load.Counts();
        await app.DisposeAsync(); // graceful: everything queued is written
        var lines = ReadWholeLines(logDir);
        output.WriteLine($"{counts.Ok:N0} acknowledged, {counts.Refused:N0} refused with 503 (event log), {counts.Other:N0} other; " +
            $"recovered {recovery.TotalSeconds:F2} s after space returned; held while full: {queuedWhileFull:N0} lines, RSS {rssWhileFull / 1e6:F0} MB; " +
            $"{lines.Count:N0} lines on disk");
        Assert.Equal(0, counts.Other);
        Assert.True(counts.Refused >= 2_000);
        Assert.True(recovery < TimeSpan.FromSeconds(5), $"recovery took {recovery.TotalSeconds:F1} s");
        // Acknowledged = on disk, one line each: the warm-up play, the load, the re-sent refused play.
        var acknowledged = ackedPlays.SelectMany(p => p.Value.Select(x => (User: p.Key, x.Track, x.Recommendation)))
            .Append((1, 1, warmUp)).Append((refused.User, refused.Track, resent)).Order().ToList();
        var onDisk = lines.Select(l => (l.GetProperty("user").GetInt32(), l.GetProperty("track").GetInt32(), l.GetProperty("recommendation").GetInt32()))
            .Order().ToList();
        Assert.Equal(acknowledged, onDisk);
    }

    [Fact]
    public async Task A_full_queue_refuses_plays_with_503_and_what_it_acknowledged_is_on_disk()
    {
        await using var app = new GatewayApp(catalog: Catalog, instance: "queue", extra: new Dictionary<string, string?>
        {
            ["Botify:EventLog:QueueCapacity"] = "2",
        });
        var load = new PlayLoad(app, 16);
        await load.WaitForRefusalsAsync(50);
        await Task.Delay(500);
        await load.StopAsync();
        var counts = load.Counts();
        var refusal = load.FirstRefusal!.Value;
        await app.DisposeAsync();
        var lines = ReadWholeLines(app.LogDir);
        output.WriteLine($"queue of 2 lines, 16 clients: {counts.Ok:N0} acknowledged, {counts.Refused:N0} refused: \"{refusal.Message}\"");
        Assert.Contains("event log's queue is full", refusal.Message);
        Assert.Equal("1", refusal.RetryAfter);
        Assert.Equal(0, counts.Other);
        Assert.Equal(counts.Ok, lines.Count);
    }

    [TmpfsFact]
    public async Task SIGTERM_with_a_full_disk_exits_within_the_stop_timeout_and_says_how_many_acknowledged_lines_it_could_not_write()
    {
        using var disk = Tmpfs.Mount(256 * 1024);
        var logDir = Path.Combine(disk.Path, "log");
        using var gateway = new GatewayProcess("--catalog", Catalog, "--log-dir", logDir, "--instance", "term",
            "--Botify:EventLog:StopTimeout", "00:00:03", "--Botify:EventLog:RetryInterval", "00:00:00.2");
        await gateway.WaitReadyAsync(TimeSpan.FromSeconds(120));
        disk.Fill(leaveBytes: 32 * 1024);
        var load = new PlayLoad(gateway.Http, Workers);
        await load.WaitForRefusalsAsync(500);
        await load.StopAsync();
        using (var admin = gateway.AdminHttp())
        {
            var health = await ReadHealthAsync(admin);
            output.WriteLine($"before SIGTERM: /health {health.Status} eventLog {health.Body.GetProperty("eventLog")}");
            Assert.True(health.Body.GetProperty("eventLog").GetProperty("queued").GetInt64() > 0, "the test needs acknowledged lines the full disk holds back");
        }

        var took = gateway.Terminate(TimeSpan.FromSeconds(30));
        var printed = gateway.Output;
        Assert.True(took is not null, $"the gateway did not exit within 30 s of SIGTERM:\n{printed}");
        var lines = ReadWholeLines(logDir);
        var counts = load.Counts();
        var lost = System.Text.RegularExpressions.Regex.Match(printed, @"stopped with (\d+) acknowledged lines NOT written");
        output.WriteLine($"SIGTERM → exit {gateway.ExitCode} after {took!.Value.TotalSeconds:F1} s (stop timeout 3 s); {counts.Ok:N0} acknowledged, " +
            $"{lines.Count:N0} lines on disk; it said: {lost.Value}");
        foreach (var line in printed.Split('\n').Where(l => l.Contains("event log:") || l.Contains("Exception") || l.Contains("   at ")))
        {
            output.WriteLine("  gateway: " + line.Trim());
        }
        Assert.True(took < TimeSpan.FromSeconds(15), $"exit took {took.Value.TotalSeconds:F1} s");
        Assert.True(lost.Success, $"the stop must say how many lines it could not write:\n{printed}");
        Assert.Equal(counts.Ok, lines.Count + long.Parse(lost.Groups[1].Value));
    }

    private static List<JsonElement> ReadWholeLines(string dir)
    {
        var lines = new List<JsonElement>();
        foreach (var path in Directory.EnumerateFiles(dir, "*.jsonl").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(path);
            Assert.True(text.Length == 0 || text[^1] == '\n', $"{path} ends with a torn line");
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries)) lines.Add(JsonDocument.Parse(line).RootElement.Clone());
        }
        return lines;
    }

    private static async Task<(int Status, JsonElement Body)> ReadHealthAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/health");
        return ((int)response.StatusCode, await response.Json());
    }

    private static async Task<(int Status, JsonElement Body)> WaitForAsync(
        HttpClient http, Func<(int Status, JsonElement Body), bool> condition, TimeSpan limit, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            var health = await ReadHealthAsync(http);
            if (condition(health)) return health;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"waited {limit.TotalSeconds} s for {what}");
    }
}
