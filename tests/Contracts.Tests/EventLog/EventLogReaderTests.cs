using Botify.Contracts.EventLog;
using Botify.TestSupport;

namespace Botify.Contracts.Tests.EventLog;

public sealed class EventLogReaderTests
{
    [Fact]
    public void Reads_every_jsonl_file_recursively_including_rotated_ones()
    {
        using var folder = new TempFolder();
        folder.Write("events-gw-5001-0001.jsonl", [EventLines.Next(1, 10, 1, 1), EventLines.Last(1, 11, 0.5, 2)]);
        folder.Write("events-gw-5001-0002.jsonl", [EventLines.Next(2, 10, 1, 1)]);
        folder.Write("nested/deeper/events-gw-5002-0001.jsonl", [EventLines.Last(3, 12, 0.2, 3)]);
        folder.Write("notes.txt", ["not an event"]);

        var log = EventLogReader.Read(folder.Path);

        Assert.Equal(4, log.Events.Count);
        Assert.Equal(3, log.Files.Count);
        Assert.Equal(0, log.Malformed);
        var last = log.Events.Single(e => e.User == 3);
        Assert.Equal(LogMessage.Last, last.Message);
        Assert.Equal(12, last.Track);
        Assert.Equal(0.2, last.Time);
        Assert.Null(last.Recommendation);
        Assert.Equal("C", last.ArmOf("AB"));
    }

    [Fact]
    public void Malformed_lines_are_skipped_counted_and_the_first_is_named()
    {
        using var folder = new TempFolder();
        var good = EventLines.Next(1, 10, 1, 1);
        var file = folder.Write("events-gw-1-0001.jsonl",
        [
            good,
            "{\"message\":\"next\",\"timestamp\":1,\"user\":1,\"track\":2,\"ti",                     // truncated
            "{\"message\":\"next\",\"timestamp\":1,\"user\":\"1\",\"track\":2,\"time\":1}",            // wrong type
            "{\"message\":\"next\",\"timestamp\":1,\"user\":1,\"track\":99999999999,\"time\":1}",      // id beyond 32 bits
            "{\"message\":\"next\",\"timestamp\":1,\"user\":-4,\"track\":2,\"time\":1}",               // negative id
            "{\"message\":\"skip\",\"timestamp\":1,\"user\":1,\"track\":2,\"time\":1}",                // unknown message
            "{\"message\":\"next\",\"timestamp\":1,\"user\":1,\"track\":2,\"time\":1.5}",              // time out of 0..1
            "{\"message\":\"next\",\"timestamp\":1,\"user\":1,\"track\":2}",                           // missing time
            "[1,2,3]",                                                                             // wrong shape
            "{\"message\":\"next\",\"timestamp\":1,\"user\":1,\"track\":2,\"time\":1,\"experiments\":{\"AB\":3}}", // arm not a string
            good + " trailing",
            "{\"message\":\"next\",\"timestamp\":1,\"user\":1,\"track\":2,\"time\":1,\"pad\":\"" + new string('x', 200_000) + "\"}", // huge
            "{\"message\":\"next\",\"timestamp\":1,\"user\":1,\"user\":2,\"track\":2,\"time\":1}", // duplicate key
            "",
            "{\"message\":\"last\",\"timestamp\":5,\"user\":1,\"track\":2,\"time\":0,\"future\":{\"a\":[1,{}]}}", // extra fields are fine
        ]);

        var log = EventLogReader.Read(folder.Path);

        Assert.Equal(2, log.Events.Count);
        Assert.Equal(12, log.Malformed);
        Assert.StartsWith($"{file}:2: ", log.FirstMalformed);
        Assert.Contains("skipped 12 malformed", log.Summary());
        Assert.Equal(15, log.Lines);
    }

    [Fact]
    public void Huge_line_is_named_with_its_line_number_and_reading_continues()
    {
        using var folder = new TempFolder();
        var file = folder.Write("events-sim-0001.jsonl",
            [EventLines.Next(1, 1, 1, 1), new string('{', 300_000), EventLines.Last(1, 2, 0.5, 2)]);

        var log = EventLogReader.Read(folder.Path, maxLineBytes: 1000);

        Assert.Equal(2, log.Events.Count);
        Assert.Equal($"{file}:2: line longer than 1,000 bytes", log.FirstMalformed);
    }

    [Theory]
    [InlineData("{\"message\":\"next\",\"timestamp\":1,\"user\":1,\"user\":2,\"track\":2,\"time\":1}", "field \"user\" appears twice")]
    [InlineData("{\"message\":\"next\",\"timestamp\":1,\"user\":1,\"track\":2,\"time\":1", "invalid JSON (")]
    [InlineData("{\"message\":\"next\",\"timestamp\":1,\"user\":1,\"track\":4294967296,\"time\":1}", "\"track\" must be an integer in 0..2147483647")]
    [InlineData("{\"message\":\"next\",\"timestamp\":1,\"user\":1,\"track\":2,\"time\":\"0.5\"}", "\"time\" must be a number in 0..1")]
    [InlineData("{\"message\":\"next\",\"timestamp\":1,\"user\":1,\"track\":2}", "missing field(s): time")]
    public void Each_malformed_line_gets_a_reason_that_names_the_field(string line, string reason)
    {
        Assert.Null(EventLogReader.ParseLine(System.Text.Encoding.UTF8.GetBytes(line), out var why));
        Assert.StartsWith(reason, why);
    }

    [Fact]
    public void A_truncated_last_line_without_newline_is_counted()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "events-sim-0001.jsonl");
        File.WriteAllText(path, EventLines.Next(1, 1, 1, 1) + "\n{\"message\":\"la");

        var log = EventLogReader.Read(folder.Path);

        Assert.Single(log.Events);
        Assert.Equal(1, log.Malformed);
        Assert.StartsWith($"{path}:2: invalid JSON", log.FirstMalformed);
    }

    [Fact]
    public void A_folder_without_events_is_a_one_line_error()
    {
        using var folder = new TempFolder();
        folder.Write("events-sim-0001.jsonl", ["garbage", "{}"]);

        var error = Assert.Throws<EventLogException>(() => EventLogReader.Read(folder.Path));

        Assert.Contains("no events", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Throws<EventLogException>(() => EventLogReader.Read(Path.Combine(folder.Path, "missing")));
    }

    [Fact]
    public void Events_with_the_same_assignment_share_one_experiments_instance()
    {
        using var folder = new TempFolder();
        folder.Write("events-sim-0001.jsonl", Enumerable.Range(0, 100).Select(i => EventLines.Next(i, i, 1, i)));

        var log = EventLogReader.Read(folder.Path);

        Assert.All(log.Events, e => Assert.Same(log.Events[0].Experiments, e.Experiments));
    }
}
