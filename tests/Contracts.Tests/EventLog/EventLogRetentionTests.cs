using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;
using Botify.TestSupport;

namespace Botify.Contracts.Tests.EventLog;

/// <summary>Retention of the jsonl layout: off by default, and when on it deletes only this instance's oldest files, saying so.</summary>
public sealed class EventLogRetentionTests
{
    private static readonly ExperimentArm[] Arm = [new("X", "C")];

    [Fact]
    public void Without_retention_every_file_is_kept()
    {
        using var folder = new TempFolder();
        var deleted = new List<DeletedLogFile>();
        WriteLines(new EventLogFileSet(folder.Path, "gw-1", 1024), 200, deleted);
        Assert.Empty(deleted);
        Assert.True(Directory.GetFiles(folder.Path).Length > 20);
    }

    [Fact]
    public void A_file_count_keeps_the_newest_files_of_the_instance_and_reports_each_deleted_one()
    {
        using var folder = new TempFolder();
        var other = folder.Write("events-gw-2-0001.jsonl", [EventLines.Next(1, 2, 0.5, 1)]);
        var deleted = new List<DeletedLogFile>();
        WriteLines(new EventLogFileSet(folder.Path, "gw-1", 1024, new EventLogRetention(3, 0)), 200, deleted);

        var kept = new EventLogFileSet(folder.Path, "gw-1", 1024).ExistingFiles();
        Assert.Equal(3, kept.Count);
        Assert.True(File.Exists(other), "another instance's file must never be deleted");
        Assert.NotEmpty(deleted);
        // The kept files are the newest: their lines are the last ones written, in order.
        var tracks = ReadTracks(kept);
        Assert.Equal(Enumerable.Range(200 - tracks.Count, tracks.Count), tracks);
        Assert.All(deleted, d => Assert.False(File.Exists(d.Path)));
        Assert.All(deleted, d => Assert.InRange(d.Bytes, 1024, 1024 + 300));
    }

    [Fact]
    public void A_byte_limit_keeps_the_instance_under_it_current_file_included()
    {
        using var folder = new TempFolder();
        var deleted = new List<DeletedLogFile>();
        var set = new EventLogFileSet(folder.Path, "gw-1", 2048, new EventLogRetention(0, 8192));
        WriteLines(set, 500, deleted);
        var total = set.ExistingFiles().Sum(f => new FileInfo(f).Length);
        Assert.NotEmpty(deleted);
        // At most the limit, plus the part of one line by which the current file may pass its rotation size.
        Assert.InRange(total, 4096, 8192 + 300);
    }

    [Fact]
    public void A_byte_limit_below_one_file_is_refused_naming_both_options()
    {
        var error = Assert.Throws<ArgumentException>(() => new EventLogFileSet("log", "gw", 1 << 20, new EventLogRetention(0, 1000)));
        Assert.Contains("--log-retain-bytes", error.Message);
        Assert.Contains("--log-max-bytes", error.Message);
    }

    private static void WriteLines(EventLogFileSet set, int count, List<DeletedLogFile> deleted)
    {
        using var writer = new EventLogFileWriter(set, deleted: deleted.Add);
        for (var i = 0; i < count; i++)
        {
            writer.Write(new LogEvent(LogMessage.Next, 1_800_000_000_000 + i, 5, i, 0.5, 0.001, 9, Arm));
            writer.Flush(toDisk: false);
        }
    }

    private static List<int> ReadTracks(IEnumerable<string> files) =>
        files.SelectMany(File.ReadAllLines).Select(l => EventLogReader.ParseLine(System.Text.Encoding.UTF8.GetBytes(l), out _)!.Value.Track).ToList();
}
