using System.Text.Json;
using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;
using Botify.TestSupport;

namespace Botify.Contracts.Tests.EventLog;

public sealed class EventLogFileWriterTests
{
    private static readonly ExperimentArm[] Arm = [new("X", "C")];

    [Fact]
    public void Event_log_rotates_by_size_into_numbered_files_of_whole_lines()
    {
        using var folder = new TempFolder();
        var logs = folder.Path;
        using (var writer = new EventLogFileWriter(new EventLogFileSet(logs, "sim", maxFileBytes: 2_000)))
        {
            for (var i = 0; i < 100; i++) writer.Write(new LogEvent(i % 10 == 9 ? LogMessage.Last : LogMessage.Next, 1_000 + i, 3, i, 0.5, 0.001, i % 10 == 9
                ? null : i + 1, Arm));
        }
        var files = Directory.GetFiles(logs).Select(Path.GetFileName).Order().ToArray();
        Assert.True(files.Length > 3);
        Assert.Equal("events-sim-0001.jsonl", files[0]);
        Assert.Equal($"events-sim-{files.Length:D4}.jsonl", files[^1]);
        var lines = files.SelectMany(f => File.ReadAllLines(Path.Combine(logs, f!))).ToArray();
        Assert.Equal(100, lines.Length);
        Assert.All(lines, line => JsonDocument.Parse(line).Dispose());
    }
}
