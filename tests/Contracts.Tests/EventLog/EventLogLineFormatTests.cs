using System.Text;
using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;
using Botify.TestSupport;

namespace Botify.Contracts.Tests.EventLog;

/// <summary>The line on disk is a format other programs (the reference notebooks) read: it must not change by a byte.</summary>
public sealed class EventLogLineFormatTests
{
    private static readonly ExperimentArm[] Arms = [new("SESSION", "T1")];

    [Fact]
    public void Lines_are_written_exactly_as_the_readme_shows_them()
    {
        using var folder = new TempFolder();
        using (var writer = new EventLogFileWriter(new EventLogFileSet(folder.Path, "gw-5001", 1 << 20)))
        {
            writer.Write(new LogEvent(LogMessage.Next, 1795816270686, 1, 0, 0.8, 0.0018, 3, Arms));
            writer.Write(new LogEvent(LogMessage.Last, 1795816270764, 1, 2, 0.3, 0.0006, null, Arms));
        }

        var text = File.ReadAllText(Path.Combine(folder.Path, "events-gw-5001-0001.jsonl"), Encoding.UTF8);
        const string Next = """{"message":"next","timestamp":1795816270686,"user":1,"track":0,"time":0.8,"latency":0.0018,"recommendation":3,""";
        const string Last = """{"message":"last","timestamp":1795816270764,"user":1,"track":2,"time":0.3,"latency":0.0006,"recommendation":null,""";
        const string ArmsJson = "\"experiments\":{\"SESSION\":\"T1\"}}";
        Assert.Equal(Next + ArmsJson + "\n" + Last + ArmsJson + "\n", text);
    }

    [Fact]
    public void Every_arm_of_every_experiment_is_written_in_order_and_read_back()
    {
        using var folder = new TempFolder();
        ExperimentArm[] arms = [new("DAY2", "T2"), new("SESSION", "C")];
        using (var writer = new EventLogFileWriter(new EventLogFileSet(folder.Path, "sim", 1 << 20)))
        {
            writer.Write(new LogEvent(LogMessage.Next, 7, int.MaxValue, 5, 1.0 / 3, 1e-7, int.MaxValue, arms));
        }

        var line = File.ReadAllLines(Path.Combine(folder.Path, "events-sim-0001.jsonl")).Single();
        Assert.Contains("\"experiments\":{\"DAY2\":\"T2\",\"SESSION\":\"C\"}", line);
        var e = EventLogReader.ParseLine(Encoding.UTF8.GetBytes(line), out var reason) ?? throw new Xunit.Sdk.XunitException(reason);
        Assert.Equal((LogMessage.Next, 7L, int.MaxValue, 5, 1.0 / 3, 1e-7, (int?)int.MaxValue),
            (e.Message, e.Timestamp, e.User, e.Track, e.Time, e.Latency, e.Recommendation));
        Assert.Equal(["DAY2=T2", "SESSION=C"], e.Experiments.Select(p => $"{p.Experiment}={p.Arm}").Order());
    }
}
