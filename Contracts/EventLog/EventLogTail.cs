using Botify.Contracts.JsonLines;

namespace Botify.Contracts.EventLog;

/// <summary>The end of a log file: cutting a torn last line, and the timestamp of the last whole line.</summary>
internal static class EventLogTail
{
    private const int TailBytes = 64 * 1024;

    /// <summary>
    /// Cuts a last line without its '\n' (a write that failed half-way, or a process killed mid-write), so the
    /// file ends with a whole line; returns the bytes cut. The file must be open for reading and writing.
    /// </summary>
    public static long CutTornLine(FileStream file)
    {
        var length = file.Length;
        if (length == 0) return 0;
        file.Position = length - 1;
        if (file.ReadByte() == '\n') return 0;
        var buffer = new byte[(int)Math.Min(TailBytes, length)];
        var end = length;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            var count = (int)(end - start);
            file.Position = start;
            file.ReadExactly(buffer, 0, count);
            var newline = buffer.AsSpan(0, count).LastIndexOf((byte)'\n');
            if (newline >= 0)
            {
                var keep = start + newline + 1;
                if (keep == length)
                {
                    file.Position = length;
                    return 0;
                }
                file.SetLength(keep);
                file.Position = keep;
                return length - keep;
            }
            end = start;
        }
        file.SetLength(0);
        file.Position = 0;
        return length;
    }

    /// <summary>The timestamp of the last line that parses at the end of the file (0 when none does, or the file is gone).</summary>
    public static long LastTimestamp(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var from = Math.Max(0, file.Length - TailBytes);
            file.Position = from;
            using var lines = new JsonLinesReader(file, EventLogReader.DefaultMaxLineBytes);
            long latest = 0;
            var first = true;
            JsonLineStatus status;
            while ((status = lines.Read(out var line)) != JsonLineStatus.End)
            {
                // Read from the middle of the file, the first line may be cut at its start; a torn last line does not parse.
                var whole = !(first && from > 0);
                first = false;
                if (status == JsonLineStatus.Line && whole && EventLogReader.ParseLine(line, out _) is { } e) latest = e.Timestamp;
            }
            return latest;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
