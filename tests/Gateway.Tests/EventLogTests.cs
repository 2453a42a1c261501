using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Botify.Gateway.Tests;

/// <summary>The event log files: naming, rotation by size, and nothing acknowledged lost on a graceful stop.</summary>
public sealed partial class EventLogTests
{
    private static readonly string Catalog = TestCatalogFolder.Write();

    [Fact]
    public async Task Files_rotate_by_size_and_keep_every_line_whole()
    {
        await using var app = new GatewayApp(catalog: Catalog, instance: "rot", maxLogFileBytes: 1024);
        using var http = app.Http();
        const int plays = 40;
        for (var i = 0; i < plays; i++) await (await http.Next(7, i % TestCatalogFolder.TrackCount, 0.5)).Expect(200);
        var lines = await EventLines.WaitForUser(app.LogDir, 7, plays);
        Assert.Equal(Enumerable.Range(0, plays), lines.Select(l => l.GetProperty("track").GetInt32()));

        var files = Directory.GetFiles(app.LogDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length >= 4, $"40 lines of ~170 bytes at 1 KiB per file should make several files, got {files.Length}");
        for (var i = 0; i < files.Length; i++) Assert.Equal($"events-rot-{i + 1:D4}.jsonl", files[i]);
        foreach (var file in files[..^1])
        {
            var text = File.ReadAllText(Path.Combine(app.LogDir, file!));
            Assert.EndsWith("\n", text);
            var lastLine = text.TrimEnd('\n').Split('\n')[^1].Length + 1;
            // Rotation happens at the first line that reaches the limit, never mid-line.
            Assert.InRange(text.Length, 1024, 1024 + lastLine - 1);
        }
    }

    [Fact]
    public async Task Default_instance_name_is_gw_and_the_port()
    {
        await using var app = new GatewayApp(catalog: Catalog, instance: null);
        using var http = app.Http();
        await (await http.Next(3, 5, 0.5)).Expect(200);
        await EventLines.WaitForUser(app.LogDir, 3, 1);
        Assert.Equal([$"events-gw-{app.Port}-0001.jsonl"], Directory.GetFiles(app.LogDir).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_restart_continues_with_the_next_sequence_number()
    {
        var dir = Directory.CreateTempSubdirectory("botify-gw-log-").FullName;
        for (var run = 1; run <= 2; run++)
        {
            await using var app = new GatewayApp(catalog: Catalog, logDir: dir, instance: "seq");
            using var http = app.Http();
            await (await http.Next(run, 5, 0.5)).Expect(200);
        }
        Assert.Equal(["events-seq-0001.jsonl", "events-seq-0002.jsonl"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(Directory.GetFiles(dir), file => Assert.Single(File.ReadAllLines(file)));
    }

    [Fact]
    public async Task Graceful_stop_under_load_leaves_every_acknowledged_request_on_disk()
    {
        var app = new GatewayApp(catalog: Catalog, instance: "stop");
        var acknowledged = new ConcurrentBag<(int User, int Track, int Recommendation)>();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            using var http = app.Http();
            http.Timeout = TimeSpan.FromSeconds(10);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var user = 100 + w;
                var track = (w * 13 + i) % TestCatalogFolder.TrackCount;
                try
                {
                    var response = await http.Next(user, track, 0.5);
                    if ((int)response.StatusCode != 200) continue;
                    var body = await response.Json();
                    acknowledged.Add((user, track, body.GetProperty("track").GetInt32()));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    // The server is going away: unanswered requests are not acknowledged.
                    await Task.Delay(20);
                }
            }
        })).ToArray();

        await Task.Delay(1500);
        var before = acknowledged.Count;
        var clock = Stopwatch.StartNew();
        await app.DisposeAsync(); // graceful: Kestrel drains, then the log, then the silo
        clock.Stop();
        stop.Cancel();
        await Task.WhenAll(workers);

        Assert.True(before > 20, $"the load should have been acknowledged before the stop, got {before}");
        foreach (var file in Directory.GetFiles(app.LogDir)) Assert.EndsWith("\n", File.ReadAllText(file));
        var logged = EventLines.ReadAll(app.LogDir)
            .Select(l => (l.GetProperty("user").GetInt32(), l.GetProperty("track").GetInt32(), l.GetProperty("recommendation").GetInt32()))
            .ToList();
        Assert.Equal(acknowledged.Count, logged.Count);
        Assert.Equal(acknowledged.Order(), logged.Order());
    }

    [Fact]
    public async Task A_burst_of_lines_larger_than_one_flush_frees_every_place_in_the_queue_once_written()
    {
        var dir = Directory.CreateTempSubdirectory("botify-gw-log-").FullName;
        using var writer = new EventLogWriter(
            Options.Create(new EventLogOptions { Directory = dir, Instance = "burst", QueueCapacity = 20_000 }), NullLogger<EventLogWriter>.Instance);
        await writer.StartAsync(CancellationToken.None);
        ExperimentArm[] arms = [new("SESSION", "T1")];
        // Faster than the writer drains: its batches exceed the 64 KiB at which the file writer flushes by itself.
        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(writer.TryReserve(out var refusal), $"line {i} refused: {refusal}");
            Assert.True(writer.Append(new LogEvent(LogMessage.Next, 1_800_000_000_000 + i, 1, i % 100, 0.5, 0.001, 7, arms)));
        }
        var clock = Stopwatch.StartNew();
        while (writer.Written < 10_000 && clock.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(20);
        Assert.Equal(10_000, writer.Written);
        Assert.Equal(0, writer.Pending); // every place is free again: the queue bound counts only lines not yet in a file
        await writer.StopAsync(CancellationToken.None);
        Assert.Equal(10_000, File.ReadAllLines(Assert.Single(Directory.GetFiles(dir))).Length);
    }
}
