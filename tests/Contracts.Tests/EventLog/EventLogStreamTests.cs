using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;
using Botify.TestSupport;

namespace Botify.Contracts.Tests.EventLog;

public sealed class EventLogStreamTests
{
    [Fact]
    public void Streaming_hands_over_the_same_events_in_the_same_order_as_reading_the_whole_folder()
    {
        using var folder = new TempFolder();
        // Two gateways, each with rotated files, and more events than one batch; a few bad lines in between.
        for (var g = 0; g < 2; g++)
        {
            var set = new EventLogFileSet(Path.Combine(folder.Path, $"gw-{g}"), $"gw-{g}", 64 * 1024);
            using var writer = new EventLogFileWriter(set);
            ExperimentArm[] arms = [new("AB", g == 0 ? "C" : "T1")];
            for (var i = 0; i < 12_000; i++)
            {
                writer.Write(new LogEvent(i % 7 == 6 ? LogMessage.Last : LogMessage.Next, 1_000 + i, i % 97, i % 1000, (i % 11) / 10.0,
                    0.001, i % 7 == 6 ? null : i, arms));
            }
        }
        folder.Write("gw-1/events-gw-1-9999.jsonl", ["{broken", EventLines.Next(5, 6, 0.5, 9), new string('x', 70_000)]);

        var read = EventLogReader.Read(folder.Path);
        var streamed = new List<LogEvent>();
        var scan = EventLogReader.Stream(folder.Path, (in LogEvent e) => streamed.Add(e));

        Assert.True(read.Files.Count > 4, $"expected rotated files, got {read.Files.Count}");
        Assert.Equal(read.Events.Count, streamed.Count);
        Assert.Equal(24_001, streamed.Count);
        for (var i = 0; i < streamed.Count; i++)
        {
            // Each read shares its own experiments instances: compare those by content.
            Assert.Equal(read.Events[i] with { Experiments = LogEvent.NoExperiments }, streamed[i] with { Experiments = LogEvent.NoExperiments });
            Assert.Equal(read.Events[i].Experiments, streamed[i].Experiments);
        }
        Assert.Equal(read.Scan, scan with { Files = read.Files });
        Assert.Equal(read.Files, scan.Files);
        Assert.Equal(2, scan.Malformed);
        Assert.Contains("events-gw-1-9999.jsonl:1: invalid JSON", scan.FirstMalformed);
    }

    [Fact]
    public void A_failing_handler_stops_the_stream_with_its_own_exception()
    {
        using var folder = new TempFolder();
        folder.Write("events-sim-0001.jsonl", Enumerable.Range(0, 50_000).Select(i => EventLines.Next(i % 10, i, 1, i)));
        var seen = 0;

        var error = Assert.Throws<InvalidOperationException>(() => EventLogReader.Stream(folder.Path, (in LogEvent e) =>
        {
            if (++seen == 10_000) throw new InvalidOperationException("stop here");
        }));

        Assert.Equal("stop here", error.Message);
        Assert.Equal(10_000, seen);
    }

    [Fact]
    public void A_folder_without_events_is_the_same_one_line_error_when_streaming()
    {
        using var folder = new TempFolder();
        folder.Write("events-sim-0001.jsonl", ["garbage"]);

        var error = Assert.Throws<EventLogException>(() => EventLogReader.Stream(folder.Path, (in LogEvent _) => { }));

        Assert.Contains("no events in 1 event-log file(s)", error.Message);
        Assert.Contains(EventLogReader.FormatReference, error.Message);
    }

    [Fact]
    public void The_format_reference_in_errors_names_a_section_the_readme_has()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryFiles.RepositoryRoot(), "README.md"));
        Assert.Equal("README.md, section \"Event-log format\" (README.md#event-log-format)", EventLogReader.FormatReference);
        // GitHub's anchor of a heading: lower case, spaces as '-'.
        Assert.Contains("#### Event-log format", readme);
        var section = readme.SkipWhile(l => l != "#### Event-log format").Skip(1).TakeWhile(l => !l.StartsWith('#')).ToArray();
        foreach (var field in new[] { "message", "timestamp", "user", "track", "time", "latency", "recommendation", "experiments" })
        {
            Assert.Contains(section, l => l.Contains($"`{field}`"));
        }
    }
}
