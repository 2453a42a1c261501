using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;
using Botify.TestSupport;

namespace Botify.Contracts.Tests.EventLog;

public sealed class EventLogFileSetTests
{
    [Fact]
    public void A_new_writer_continues_after_the_files_already_there_and_knows_their_latest_timestamp()
    {
        using var folder = new TempFolder();
        folder.Write("events-sim-0007.jsonl", [EventLines.Next(1, 2, 0.5, 500), EventLines.Last(1, 3, 0.5, 900), "{\"message\":\"next\",\"timest"]);
        folder.Write("events-sim-0002.jsonl", [EventLines.Next(1, 2, 0.5, 1200)]);
        folder.Write("events-gw-5001-0009.jsonl", [EventLines.Next(1, 2, 0.5, 5000)]);
        var set = new EventLogFileSet(folder.Path, "sim", 1 << 20);

        Assert.Equal(["events-sim-0002.jsonl", "events-sim-0007.jsonl"], set.ExistingFiles().Select(Path.GetFileName));
        Assert.Equal(1200, set.LatestTimestamp());
        using (var writer = new EventLogFileWriter(set))
        {
            writer.Write(new LogEvent(LogMessage.Next, 1201, 1, 2, 0.5, 0, 3, [new ExperimentArm("X", "C")]));
        }
        Assert.True(File.Exists(Path.Combine(folder.Path, "events-sim-0008.jsonl")));
    }

    [Theory]
    [InlineData("gw 1")]
    [InlineData("../x")]
    [InlineData("")]
    public void Instance_names_that_cannot_be_part_of_a_file_name_are_refused(string instance)
    {
        var error = Assert.Throws<ArgumentException>(() => new EventLogFileSet("log", instance, 1 << 20));
        Assert.Contains("instance", error.Message);
    }
}
