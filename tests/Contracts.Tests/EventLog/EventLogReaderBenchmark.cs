using System.Diagnostics;
using Botify.Contracts.EventLog;
using Xunit.Abstractions;

namespace Botify.Contracts.Tests.EventLog;

/// <summary>
/// Events/s and memory of reading a large log, streamed and whole. Make a log, then point BOTIFY_LOG_BENCH at it:
/// `dotnet Sim/bin/Release/net10.0/Sim.dll run --world W --experiment BIG --arms C=random,T1=sticky-artist --log-dir /tmp/big --episodes 1000000`,
/// `BOTIFY_LOG_BENCH=/tmp/big dotnet test tests/Contracts.Tests -c Release --filter EventLogReaderBenchmark --logger "console;verbosity=detailed"`.
/// </summary>
public sealed class EventLogReaderBenchmark(ITestOutputHelper output)
{
    [Fact]
    public void Streaming_a_large_log_keeps_memory_flat_and_yields_what_reading_it_whole_does()
    {
        var folder = Environment.GetEnvironmentVariable("BOTIFY_LOG_BENCH");
        if (string.IsNullOrEmpty(folder))
        {
            output.WriteLine("skipped: set BOTIFY_LOG_BENCH to a folder of event logs to run the reader benchmark");
            return;
        }
        using var process = Process.GetCurrentProcess();
        var before = Peak(process);
        long users = 0;
        var clock = Stopwatch.StartNew();
        var scan = EventLogReader.Stream(folder, (in LogEvent e) => users += e.User);
        var streamSeconds = clock.Elapsed.TotalSeconds;
        var streamPeak = Peak(process);
        output.WriteLine($"stream: {scan.Events:N0} events, {scan.Files.Count} files in {streamSeconds:F2} s = {scan.Events / streamSeconds:N0} events/s; " +
            $"peak working set {before:N0} MB before, {streamPeak:N0} MB after");

        clock.Restart();
        var log = EventLogReader.Read(folder);
        var readSeconds = clock.Elapsed.TotalSeconds;
        long readUsers = 0;
        foreach (var e in log.Events) readUsers += e.User;
        output.WriteLine($"read whole: {log.Events.Count:N0} events in {readSeconds:F2} s = {log.Events.Count / readSeconds:N0} events/s; " +
            $"peak working set {Peak(process):N0} MB");

        Assert.Equal(log.Events.Count, scan.Events);
        Assert.Equal(readUsers, users);
        // Streaming holds a few batches of events, not the log: far below the ~56 bytes per event a list needs.
        Assert.True(streamPeak - before < 200 + scan.Events * 56L / 1048576 / 4, $"streaming grew the working set by {streamPeak - before:N0} MB");
    }

    private static long Peak(Process process)
    {
        process.Refresh();
        return process.PeakWorkingSet64 / 1048576;
    }
}
