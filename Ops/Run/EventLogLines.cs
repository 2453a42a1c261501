namespace Botify.Ops.Run;

/// <summary>
/// Counts the complete lines of an event-log folder (every *.jsonl below it), to wait until the gateway's background writer has
/// written every acknowledged request before the log is read.
/// </summary>
public static class EventLogLines
{
    public static long Count(string folder)
    {
        if (!Directory.Exists(folder)) return 0;
        long lines = 0;
        var buffer = new byte[1 << 16];
        foreach (var path in Directory.EnumerateFiles(folder, "*.jsonl", SearchOption.AllDirectories))
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, buffer.Length);
            int read;
            while ((read = file.Read(buffer, 0, buffer.Length)) > 0) lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        return lines;
    }
}
