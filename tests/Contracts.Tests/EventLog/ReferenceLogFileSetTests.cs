using System.Diagnostics;
using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;
using Botify.TestSupport;

namespace Botify.Contracts.Tests.EventLog;

/// <summary>The reference layout against the real thing: Python's logging.handlers.RotatingFileHandler.</summary>
public sealed class ReferenceLogFileSetTests
{
    [Theory]
    [InlineData(2048, 3, 200)]
    [InlineData(1024, 1, 50)]
    [InlineData(4096, 10, 400)]
    [InlineData(2048, 0, 60)]
    public void Rotation_writes_the_same_files_as_pythons_RotatingFileHandler_byte_for_byte(int maxBytes, int backups, int count)
    {
        using var folder = new TempFolder();
        var records = Records(count);
        // The exact lines, written once without rotation, are what Python's handler gets to log.
        var plain = Path.Combine(folder.Path, "plain");
        using (var writer = new EventLogFileWriter(new EventLogFileSet(plain, "all", 1L << 30)))
        {
            foreach (var r in records) writer.Write(r);
        }
        var ours = Path.Combine(folder.Path, "ours");
        var deleted = new List<DeletedLogFile>();
        using (var writer = new EventLogFileWriter(new ReferenceLogFileSet(ours, maxBytes, backups), deleted: deleted.Add))
        {
            // Flushes at odd points: the rotation decision is per line, not per batch.
            for (var i = 0; i < records.Length; i++)
            {
                writer.Write(records[i]);
                if (i % 7 == 3) writer.Flush(toDisk: false);
            }
        }
        var python = Path.Combine(folder.Path, "python");
        RunPython(Directory.GetFiles(plain).Single(), python, maxBytes, backups);

        var expected = Directory.GetFiles(python).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, Directory.GetFiles(ours).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var name in expected) Assert.Equal(File.ReadAllBytes(Path.Combine(python, name!)), File.ReadAllBytes(Path.Combine(ours, name!)));
        if (backups > 0) Assert.True(expected.Length == backups + 1, $"the test should rotate past {backups} backups, got {string.Join(",", expected)}");
        Assert.All(deleted, d => Assert.Equal(ReferenceLogFileSet.FileName(backups), Path.GetFileName(d.Path)));
        Assert.True(backups == 0 || deleted.Count > 0, "rotating past the backups deletes the oldest, and says so");
    }

    [Fact]
    public void A_restart_appends_to_data_json_after_cutting_a_torn_last_line()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, ReferenceLogFileSet.BaseName);
        var whole = EventLines.Next(1, 2, 0.5, 100) + "\n" + EventLines.Next(1, 3, 0.5, 200) + "\n";
        File.WriteAllText(path, whole + "{\"message\":\"next\",\"timesta");
        var set = new ReferenceLogFileSet(folder.Path, 1 << 20);
        Assert.Equal(200, set.LatestTimestamp());

        using (var writer = new EventLogFileWriter(set))
        {
            writer.Write(Records(1)[0]);
            writer.Flush(toDisk: true);
            Assert.Equal("{\"message\":\"next\",\"timesta".Length, writer.TornBytesCut);
        }
        var lines = File.ReadAllLines(path);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.NotNull(EventLogReader.ParseLine(System.Text.Encoding.UTF8.GetBytes(l), out _)));
    }

    [Theory]
    [InlineData("data.json", true, 0)]
    [InlineData("data.json.1", true, 1)]
    [InlineData("data.json.10", true, 10)]
    [InlineData("data.json.01", false, 0)]
    [InlineData("data.json.", false, 0)]
    [InlineData("data.json.bak", false, 0)]
    [InlineData("data.jsonl", false, 0)]
    [InlineData("events-gw-1-0001.jsonl", false, 0)]
    public void Only_data_json_and_numbered_backups_are_names_of_the_layout(string name, bool isLayout, int index)
    {
        Assert.Equal(isLayout, ReferenceLogFileSet.TryParseFileName(name, out var parsed));
        if (isLayout) Assert.Equal(index, parsed);
    }

    [Fact]
    public void Rotation_order_is_oldest_first_per_folder_with_data_json_last()
    {
        string[] paths = ["b/data.json", "a/data.json.1", "a/data.json", "a/data.json.10", "a/data.json.2", "b/data.json.1", "a/notes.txt"];
        var sorted = paths.ToList();
        sorted.Sort(ReferenceLogFileSet.CompareRotationOrder);
        Assert.Equal(["a/data.json.10", "a/data.json.2", "a/data.json.1", "a/data.json", "a/notes.txt", "b/data.json.1", "b/data.json"], sorted);
    }

    [Fact]
    public void A_negative_backup_count_is_refused_naming_the_option()
    {
        var error = Assert.Throws<ArgumentException>(() => new ReferenceLogFileSet("log", 1 << 20, -1));
        Assert.Contains("--log-backups", error.Message);
    }

    private static LogEvent[] Records(int count)
    {
        var records = new LogEvent[count];
        for (var i = 0; i < count; i++)
        {
            // Lines of different lengths (ids and arms vary), as a real log's.
            ExperimentArm[] arms = i % 3 == 0 ? [new("SESSION", "T1")] : [new("DAY2", "T" + (i % 9)), new("SESSION_WITH_A_LONGER_NAME", "C")];
            records[i] = new LogEvent(i % 5 == 4 ? LogMessage.Last : LogMessage.Next, 1_795_816_270_686 + i * 37, i * 7919 % 100_000,
                i * 31 % 50_000, Math.Round(i % 101 / 100.0, 2), 0.0001 * (i % 17), i % 5 == 4 ? null : i * 13 % 50_000, arms);
        }
        return records;
    }

    // The reference service's own logging setup: RotatingFileHandler(maxBytes, backupCount), message only.
    private static void RunPython(string lines, string folder, int maxBytes, int backups)
    {
        Directory.CreateDirectory(folder);
        const string Script = """
            import logging, logging.handlers, sys
            lines, folder, max_bytes, backups = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
            handler = logging.handlers.RotatingFileHandler(folder + "/data.json", maxBytes=max_bytes, backupCount=backups)
            handler.setFormatter(logging.Formatter("%(message)s"))
            log = logging.getLogger("botify")
            log.setLevel(logging.INFO)
            log.addHandler(handler)
            with open(lines) as f:
                for line in f:
                    log.info(line.rstrip("\n"))
            handler.close()
            """;
        var start = new ProcessStartInfo("python3") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", Script, lines, folder, maxBytes.ToString(), backups.ToString() }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start (apt-get install python3)");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"python3 failed: {error}");
    }
}
