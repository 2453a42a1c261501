using Botify.Contracts.EventLog;
using Botify.TestSupport;

namespace Botify.Contracts.Tests.EventLog;

/// <summary>Readers take the reference service's layout (data.json, data.json.N per container folder) as well as ours, mixed.</summary>
public sealed class ReferenceLayoutReaderTests
{
    [Fact]
    public void Reads_data_json_and_its_backups_in_rotation_order_beside_jsonl_files()
    {
        using var folder = new TempFolder();
        // The course's copy tool: one folder per container, each with the rotating handler's files.
        folder.Write("botify-recommender-1/data.json.2", [EventLines.Next(1, 10, 1, 100)]);
        folder.Write("botify-recommender-1/data.json.10", [EventLines.Next(1, 11, 1, 50)]);
        folder.Write("botify-recommender-1/data.json.1", [EventLines.Next(1, 12, 1, 200)]);
        // As python-json-logger writes a line (spaces after ':' and ','; recommendation null on "last").
        folder.Write("botify-recommender-1/data.json",
            ["{\"message\": \"last\", \"timestamp\": 300, \"user\": 1, \"track\": 13, \"time\": 0.5, \"latency\": 0.0012, " +
             "\"recommendation\": null, \"experiments\": {\"AB\": \"T1\"}}"]);
        folder.Write("botify-recommender-2/data.json", [EventLines.Last(2, 14, 0.5, 400)]);
        folder.Write("ours/events-gw-5001-0001.jsonl", [EventLines.Next(3, 15, 1, 500)]);
        folder.Write("ours/events-gw-5001-0002.jsonl", [EventLines.Last(3, 16, 1, 600)]);
        // Not the handler's names: left alone.
        folder.Write("botify-recommender-1/data.json.bak", [EventLines.Next(9, 1, 1, 1)]);
        folder.Write("botify-recommender-1/data.json.01", [EventLines.Next(9, 1, 1, 1)]);
        folder.Write("botify-recommender-1/data.jsonx", [EventLines.Next(9, 1, 1, 1)]);

        var log = EventLogReader.Read(folder.Path);

        Assert.Equal(
            [
                "botify-recommender-1/data.json.10", "botify-recommender-1/data.json.2", "botify-recommender-1/data.json.1",
                "botify-recommender-1/data.json", "botify-recommender-2/data.json", "ours/events-gw-5001-0001.jsonl", "ours/events-gw-5001-0002.jsonl",
            ],
            log.Files.Select(f => Path.GetRelativePath(folder.Path, f).Replace('\\', '/')));
        Assert.Equal([11, 10, 12, 13, 14, 15, 16], log.Events.Select(e => e.Track));
        Assert.Equal(0, log.Malformed);
    }

    [Fact]
    public void The_streaming_reader_takes_the_same_files_in_the_same_order()
    {
        using var folder = new TempFolder();
        folder.Write("c1/data.json.1", [EventLines.Next(1, 1, 1, 1), EventLines.Next(1, 2, 1, 2)]);
        folder.Write("c1/data.json", [EventLines.Last(1, 3, 1, 3)]);
        folder.Write("events-sim-0001.jsonl", [EventLines.Next(2, 4, 1, 4)]);

        var tracks = new List<int>();
        var scan = EventLogReader.Stream(folder.Path, (in LogEvent e) => tracks.Add(e.Track));

        Assert.Equal(EventLogReader.Read(folder.Path).Events.Select(e => e.Track), tracks);
        Assert.Equal(3, scan.Files.Count);
    }

    [Fact]
    public void A_file_linked_twice_into_the_folder_is_read_once()
    {
        using var folder = new TempFolder();
        var real = folder.Write("c1/data.json", [EventLines.Next(1, 1, 1, 1)]);
        Directory.CreateDirectory(Path.Combine(folder.Path, "c2"));
        File.CreateSymbolicLink(Path.Combine(folder.Path, "c2", "data.json"), real);

        var log = EventLogReader.Read(folder.Path);

        Assert.Single(log.Files);
        Assert.Single(log.Events);
    }

    [Fact]
    public void A_folder_without_log_files_names_both_patterns()
    {
        using var folder = new TempFolder();
        folder.Write("notes.txt", ["not an event"]);
        folder.Write("c1/data.json.old", [EventLines.Next(1, 1, 1, 1)]);

        var error = Assert.Throws<EventLogException>(() => EventLogReader.Read(folder.Path));

        Assert.Contains("*.jsonl", error.Message);
        Assert.Contains("data.json / data.json.N", error.Message);
        Assert.Contains(folder.Path, error.Message);
    }

    [Fact]
    public void Reference_files_with_only_bad_lines_are_named_in_the_error()
    {
        using var folder = new TempFolder();
        var file = folder.Write("c1/data.json", ["{\"message\": \"next\", \"timestamp\": 1"]);

        var error = Assert.Throws<EventLogException>(() => EventLogReader.Read(folder.Path));

        Assert.Contains("no events in 1 event-log file(s)", error.Message);
        Assert.Contains($"{file}:1:", error.Message);
    }
}
