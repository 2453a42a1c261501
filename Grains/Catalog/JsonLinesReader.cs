using System.Runtime.CompilerServices;

namespace Botify.Grains.Catalog;

/// <summary>
/// Streams a JSON-lines file as raw UTF-8 line spans (no per-line allocation), refusing
/// lines over a size limit before buffering them whole.
/// </summary>
internal sealed class JsonLinesReader : IDisposable
{
    private readonly Stream stream;
    private readonly string file;
    private readonly int maxLineBytes;
    private byte[] buffer;
    private int start;
    private int end;
    private int scanned;
    private bool eof;

    public JsonLinesReader(string path, string file, int maxLineBytes)
    {
        stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        this.file = file;
        this.maxLineBytes = maxLineBytes;
        buffer = new byte[Math.Min(1 << 16, maxLineBytes + 1)];
    }

    /// <summary>1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var found = buffer.AsSpan(scanned, end - scanned).IndexOf((byte)'\n');
            if (found >= 0)
            {
                var lineEnd = scanned + found;
                line = Take(lineEnd, lineEnd + 1);
                return true;
            }
            scanned = end;
            if (end - start > maxLineBytes) throw TooLong();
            if (eof)
            {
                if (start == end)
                {
                    line = default;
                    return false;
                }
                line = Take(end, end);
                return true;
            }
            Fill();
        }
    }

    public void Dispose() => stream.Dispose();

    private ReadOnlySpan<byte> Take(int lineEnd, int next)
    {
        if (lineEnd - start > maxLineBytes) throw TooLong();
        var line = buffer.AsSpan(start, lineEnd - start);
        start = scanned = next;
        LineNumber++;
        if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
        if (LineNumber == 1 && line.StartsWith("\uFEFF"u8)) line = line[3..];
        return line;
    }

    private void Fill()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            scanned -= start;
            start = 0;
        }
        if (end == buffer.Length) Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxLineBytes + 1L));
        var read = stream.Read(buffer, end, buffer.Length - end);
        if (read == 0) eof = true;
        else end += read;
    }

    private CatalogFileException TooLong() =>
        new(file, LineNumber + 1, $"line is longer than {maxLineBytes:N0} bytes (the limit); each line must be one JSON object — is this a JSON-lines file?");
}
