using System.Text;
using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;
using Botify.TestSupport;
using Xunit.Abstractions;

namespace Botify.Contracts.Tests.EventLog;

/// <summary>The line writer on a real tmpfs that fills up: whole lines only, nothing lost or doubled once space returns.</summary>
public sealed class EventLogFullDiskTests(ITestOutputHelper output)
{
    private static readonly ExperimentArm[] Arm = [new("X", "C")];

    [TmpfsFact]
    public void A_write_cut_short_by_a_full_disk_leaves_whole_lines_and_the_retry_writes_each_line_once()
    {
        using var disk = Tmpfs.Mount(256 * 1024);
        var folder = Path.Combine(disk.Path, "log");
        using var writer = new EventLogFileWriter(new EventLogFileSet(folder, "gw-1", 1L << 30));
        disk.Fill(leaveBytes: 100 * 1024);
        var free = disk.Available;

        // 64 KiB batches: the first fits, the second only in part — the kernel writes what fits, then refuses.
        var lines = 0;
        IOException? failure = null;
        while (failure is null && lines < 100_000)
        {
            try
            {
                writer.Write(Record(lines++));
            }
            catch (IOException e)
            {
                failure = e;
            }
        }
        Assert.NotNull(failure);
        var file = Assert.Single(Directory.GetFiles(folder));
        var onDisk = File.ReadAllBytes(file);
        output.WriteLine($"{free:N0} bytes were free; after '{failure!.Message}' the file holds {onDisk.Length:N0} bytes, " +
            $"{writer.LinesWritten:N0} lines written, {writer.PendingLines:N0} buffered");
        Assert.True(onDisk.Length > 0 && onDisk[^1] == '\n', "the file must end with a whole line after a failed write");
        Assert.Equal(writer.LinesWritten, CountLines(onDisk));
        Assert.Equal(lines, writer.LinesWritten + writer.PendingLines);

        // Still full: a retry fails the same way and changes nothing on disk.
        Assert.Throws<IOException>(() => writer.Flush(toDisk: false));
        Assert.Equal(onDisk.Length, new FileInfo(file).Length);

        disk.Free();
        writer.Flush(toDisk: true);
        Assert.Equal(0, writer.PendingLines);
        var all = File.ReadAllLines(file);
        Assert.Equal(lines, all.Length);
        for (var i = 0; i < all.Length; i++)
        {
            var e = EventLogReader.ParseLine(Encoding.UTF8.GetBytes(all[i]), out var reason) ?? throw new Xunit.Sdk.XunitException($"line {i + 1}: {reason}");
            Assert.Equal(i, e.Track); // every line once, in order
        }
    }

    [TmpfsFact]
    public void A_disk_that_fills_during_rotation_loses_no_line_and_tears_none()
    {
        using var disk = Tmpfs.Mount(256 * 1024);
        var folder = Path.Combine(disk.Path, "log");
        // Enough backups that none is deleted: every line written must be found again.
        using var writer = new EventLogFileWriter(new ReferenceLogFileSet(folder, 4 * 1024, backups: 100));
        disk.Fill(leaveBytes: 8 * 1024);
        var written = 0;
        var failures = 0;
        for (var round = 0; round < 3; round++)
        {
            // Fill up, fail, free the space, write the rest: three times over, across rotations.
            while (true)
            {
                try
                {
                    writer.Write(Record(written++));
                    writer.Flush(toDisk: false);
                }
                catch (IOException)
                {
                    failures++;
                    break;
                }
            }
            foreach (var path in Directory.GetFiles(folder))
            {
                var text = File.ReadAllText(path);
                Assert.True(text.Length == 0 || text[^1] == '\n', $"{Path.GetFileName(path)} ends with a torn line");
            }
            disk.Free();
            writer.Flush(toDisk: false);
            disk.Fill(leaveBytes: 8 * 1024);
        }
        disk.Free();
        writer.Flush(toDisk: true);
        var files = Directory.GetFiles(folder).ToList();
        files.Sort(ReferenceLogFileSet.CompareRotationOrder);
        var tracks = files.SelectMany(File.ReadAllLines).Select(l => EventLogReader.ParseLine(Encoding.UTF8.GetBytes(l), out _)!.Value.Track).ToArray();
        output.WriteLine(
            $"{written} lines, {failures} full-disk failures, {files.Count} files ({Path.GetFileName(files[0])} … {Path.GetFileName(files[^1])})");
        Assert.Equal(3, failures);
        Assert.True(files.Count > 3, $"the test must rotate several times, got {files.Count} files");
        Assert.Equal(Enumerable.Range(0, written), tracks); // oldest file first: every line once, in order
    }

    private static LogEvent Record(int i) => new(LogMessage.Next, 1_800_000_000_000 + i, 7, i, 0.5, 0.001, i + 1, Arm);

    private static long CountLines(byte[] bytes)
    {
        long count = 0;
        foreach (var b in bytes)
        {
            if (b == '\n') count++;
        }
        return count;
    }
}
