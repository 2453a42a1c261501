using System.Buffers;
using System.Text.Json;

namespace Botify.Contracts.EventLog;

/// <summary>
/// Writes event-log lines to a <see cref="IEventLogFileLayout"/>: each record through the source-generated
/// <see cref="EventLogJsonContext"/>, then '\n'. <see cref="Write"/> only buffers (and flushes every
/// <see cref="FlushBytes"/>); <see cref="Flush"/> writes the buffered lines, rotating as the layout says before a
/// line. Files hold whole lines only: when a write fails half-way (disk full, I/O error) the file is cut back to its
/// last whole line and the lines stay buffered, so calling <see cref="Flush"/> again — when space returns — writes
/// each of them exactly once. Not thread-safe: one writer per file set (the gateway's background writer, the
/// simulator's run).
/// </summary>
public sealed class EventLogFileWriter : IDisposable
{
    /// <summary><see cref="Write"/> flushes once this many bytes are buffered.</summary>
    public const int FlushBytes = 64 * 1024;

    private readonly ArrayBufferWriter<byte> line = new(512);
    private readonly Utf8JsonWriter json;
    private readonly Action<string>? opened;
    private readonly Action<DeletedLogFile>? deleted;
    private byte[] pending = new byte[FlushBytes + 4096];
    private int[] lineEnds = new int[1024];
    private int pendingBytes;
    private int pendingLines;
    private int flushedBytes;
    private int flushedLines;
    private FileStream? file;
    private string? path;
    private long fileBytes;
    private bool prepared;
    private string? closedPath;
    private (string Path, long Length)? repair;

    /// <param name="files">Where the lines go and how they rotate.</param>
    /// <param name="opened">Told the path of every file this writer opens.</param>
    /// <param name="deleted">Told every file rotation or retention deleted.</param>
    public EventLogFileWriter(IEventLogFileLayout files, Action<string>? opened = null, Action<DeletedLogFile>? deleted = null)
    {
        Files = files;
        this.opened = opened;
        this.deleted = deleted;
        json = new Utf8JsonWriter(line);
    }

    public IEventLogFileLayout Files { get; }

    /// <summary>Every file this writer opened, in order.</summary>
    public List<string> Paths { get; } = [];

    /// <summary>Lines written to files (whole, in the file) so far.</summary>
    public long LinesWritten { get; private set; }

    /// <summary>Lines buffered and not yet in a file (after a failed <see cref="Flush"/>, those it must write again).</summary>
    public int PendingLines => pendingLines - flushedLines;

    /// <summary>Bytes of torn last lines cut from files this writer opened to append to (a process killed mid-write).</summary>
    public long TornBytesCut { get; private set; }

    /// <summary>Buffers one line; flushes when <see cref="FlushBytes"/> are buffered (an exception then leaves the line buffered, never lost).</summary>
    public void Write(in LogEvent record)
    {
        line.ResetWrittenCount();
        json.Reset(line);
        JsonSerializer.Serialize(json, record, EventLogJsonContext.Default.LogEvent);
        line.Write("\n"u8);
        Append(line.WrittenSpan);
        if (pendingBytes - flushedBytes >= FlushBytes) Flush(toDisk: false);
    }

    /// <summary>
    /// Writes the buffered lines to their files (<paramref name="toDisk"/>: and waits until the current file is on
    /// disk). On an <see cref="IOException"/> the lines not written stay buffered and the file ends with a whole
    /// line; call again to retry.
    /// </summary>
    public void Flush(bool toDisk)
    {
        var segmentStart = flushedBytes;
        var segmentLines = 0;
        for (var i = flushedLines; i < pendingLines; i++)
        {
            var start = i == 0 ? 0 : lineEnds[i - 1];
            EnsureOpen();
            var bytesBefore = fileBytes + (start - segmentStart);
            // An empty file takes its first line whatever its length (else a long line would rotate for ever).
            if (bytesBefore > 0 && Files.MustRotateBefore(bytesBefore, lineEnds[i] - start))
            {
                WriteSegment(segmentStart, start, segmentLines);
                Rotate();
                EnsureOpen();
                segmentStart = start;
                segmentLines = 0;
            }
            segmentLines++;
        }
        if (segmentLines > 0) WriteSegment(segmentStart, pendingBytes, segmentLines);
        pendingBytes = pendingLines = flushedBytes = flushedLines = 0;
        if (toDisk) file?.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Gives up on the buffered lines (a stop while the disk stays full): closes the file without writing them and
    /// returns how many were dropped. Never throws.
    /// </summary>
    public int Abandon()
    {
        var dropped = PendingLines;
        pendingBytes = pendingLines = flushedBytes = flushedLines = 0;
        CloseQuietly();
        return dropped;
    }

    /// <summary>Writes what is buffered, flushes it to disk and closes the current file.</summary>
    public void Dispose()
    {
        try
        {
            Flush(toDisk: true);
            file?.Dispose();
            file = null;
        }
        finally
        {
            json.Dispose();
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (pendingBytes + bytes.Length > pending.Length) Array.Resize(ref pending, Math.Max(pending.Length * 2, pendingBytes + bytes.Length));
        if (pendingLines == lineEnds.Length) Array.Resize(ref lineEnds, lineEnds.Length * 2);
        bytes.CopyTo(pending.AsSpan(pendingBytes));
        pendingBytes += bytes.Length;
        lineEnds[pendingLines++] = pendingBytes;
    }

    private void EnsureOpen()
    {
        if (file is not null) return;
        if (repair is { } torn)
        {
            // A failed write whose tail could not be cut in place: cut it now, before anything else is written.
            if (File.Exists(torn.Path))
            {
                using var old = new FileStream(torn.Path, FileMode.Open, FileAccess.Write, FileShare.Read, bufferSize: 0);
                old.SetLength(torn.Length);
            }
            repair = null;
        }
        if (!prepared)
        {
            foreach (var gone in Files.PrepareNext(closedPath)) deleted?.Invoke(gone);
            prepared = true;
            closedPath = null;
        }
        var current = Files.OpenCurrent(out var opening);
        try
        {
            TornBytesCut += EventLogTail.CutTornLine(current);
        }
        catch
        {
            current.Dispose();
            throw;
        }
        file = current;
        path = opening;
        fileBytes = current.Length;
        Paths.Add(opening);
        opened?.Invoke(opening);
    }

    private void WriteSegment(int start, int end, int lines)
    {
        if (end == start) return;
        var stream = file!;
        try
        {
            stream.Write(pending, start, end - start);
        }
        catch (IOException)
        {
            CutBack(stream);
            throw;
        }
        fileBytes += end - start;
        flushedBytes = end;
        flushedLines += lines;
        LinesWritten += lines;
    }

    // A write that failed may have left part of its bytes: cut the file back to its last whole line.
    private void CutBack(FileStream stream)
    {
        try
        {
            stream.SetLength(fileBytes);
            stream.Position = fileBytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            repair = (path!, fileBytes);
            CloseQuietly();
        }
    }

    private void Rotate()
    {
        file!.Flush(flushToDisk: true);
        file.Dispose();
        file = null;
        closedPath = path;
        prepared = false;
    }

    private void CloseQuietly()
    {
        try
        {
            file?.Dispose();
        }
        catch (IOException)
        {
            // nothing buffered in the stream (it is unbuffered): only the handle is lost
        }
        file = null;
    }
}
