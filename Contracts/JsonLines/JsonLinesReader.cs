using System.Runtime.CompilerServices;

namespace Botify.Contracts.JsonLines;

/// <summary>
/// Streams a JSON-lines file as raw UTF-8 line spans (no per-line allocation). A line longer than the
/// limit is never buffered whole: it is reported as <see cref="JsonLineStatus.TooLong"/> with its
/// number, and its bytes are skipped, so the caller decides whether that is fatal (a catalog) or one
/// bad line among many (an event log). A trailing '\r' and a UTF-8 byte-order mark on line 1 are dropped;
/// a last line without '\n' (a truncated file) is returned like any other.
/// </summary>
public sealed class JsonLinesReader : IDisposable
{
    private const int MinBufferBytes = 1 << 16;

    private readonly Stream stream;
    private readonly int maxLineBytes;
    private byte[] buffer;
    private int start;
    private int end;
    private int scanned;
    private bool eof;
    private bool skipping;

    /// <summary>Opens <paramref name="path"/>; throws what <see cref="FileStream"/> throws when it cannot.</summary>
    public JsonLinesReader(string path, int maxLineBytes, int bufferBytes = MinBufferBytes)
        : this(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan),
            maxLineBytes, bufferBytes)
    {
    }

    public JsonLinesReader(Stream stream, int maxLineBytes, int bufferBytes = MinBufferBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        this.stream = stream;
        this.maxLineBytes = maxLineBytes;
        // The buffer may be larger than a line (fewer reads); it grows only while a line could still fit the limit.
        buffer = new byte[Math.Max(bufferBytes, (int)Math.Min(MinBufferBytes, maxLineBytes + 1L))];
    }

    /// <summary>The longest line returned as <see cref="JsonLineStatus.Line"/>, in bytes.</summary>
    public int MaxLineBytes => maxLineBytes;

    /// <summary>1-based number of the line last returned (too-long lines and blank lines count).</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// The next line: <see cref="JsonLineStatus.Line"/> with its bytes (valid until the next call),
    /// <see cref="JsonLineStatus.TooLong"/> for a line over the limit (<paramref name="line"/> empty), or
    /// <see cref="JsonLineStatus.End"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public JsonLineStatus Read(out ReadOnlySpan<byte> line)
    {
        line = default;
        if (skipping && !SkipRestOfLine()) return JsonLineStatus.End;
        while (true)
        {
            var found = buffer.AsSpan(scanned, end - scanned).IndexOf((byte)'\n');
            if (found >= 0)
            {
                var lineEnd = scanned + found;
                if (lineEnd - start > maxLineBytes) return TooLong(lineEnd + 1, skipRest: false);
                line = Take(lineEnd, lineEnd + 1);
                return JsonLineStatus.Line;
            }
            scanned = end;
            // The line so far is over the limit and has no end in sight: report it now, skip the rest next time.
            if (end - start > maxLineBytes) return TooLong(end, skipRest: true);
            if (eof)
            {
                if (start == end) return JsonLineStatus.End;
                line = Take(end, end);
                return JsonLineStatus.Line;
            }
            Fill();
        }
    }

    public void Dispose() => stream.Dispose();

    private ReadOnlySpan<byte> Take(int lineEnd, int next)
    {
        var line = buffer.AsSpan(start, lineEnd - start);
        start = scanned = next;
        LineNumber++;
        if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
        if (LineNumber == 1 && line.StartsWith("\uFEFF"u8)) line = line[3..];
        return line;
    }

    private JsonLineStatus TooLong(int next, bool skipRest)
    {
        LineNumber++;
        start = scanned = next;
        skipping = skipRest;
        return JsonLineStatus.TooLong;
    }

    /// <summary>Drops bytes up to and including the next '\n'; false when the file ends first.</summary>
    private bool SkipRestOfLine()
    {
        while (true)
        {
            var found = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (found >= 0)
            {
                start = scanned = start + found + 1;
                skipping = false;
                return true;
            }
            start = scanned = end;
            if (eof) return false;
            Fill();
        }
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
        if (end == buffer.Length && buffer.Length <= maxLineBytes) Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxLineBytes + 1L));
        var read = stream.Read(buffer, end, buffer.Length - end);
        if (read == 0) eof = true;
        else end += read;
    }
}
