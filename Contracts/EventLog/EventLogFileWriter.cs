using System.Buffers;
using System.Text.Json;

namespace Botify.Contracts.EventLog;

/// <summary>
/// Writes event-log lines to a <see cref="EventLogFileSet"/>: each record through the source-generated
/// <see cref="EventLogJsonContext"/>, then '\n'; the first line opens a new file of the set, and a file
/// that reached the rotation size is flushed to disk and closed before the next line opens the next one.
/// Not thread-safe: one writer per file set (the gateway's background writer, the simulator's run).
/// </summary>
public sealed class EventLogFileWriter : IDisposable
{
    private readonly ArrayBufferWriter<byte> buffer = new(512);
    private readonly Utf8JsonWriter json;
    private readonly Action<string>? opened;
    private FileStream? file;
    private long fileBytes;

    /// <param name="files">Where the lines go.</param>
    /// <param name="opened">Told the path of every file this writer opens.</param>
    public EventLogFileWriter(EventLogFileSet files, Action<string>? opened = null)
    {
        Files = files;
        this.opened = opened;
        json = new Utf8JsonWriter(buffer);
    }

    public EventLogFileSet Files { get; }

    /// <summary>Every file this writer opened, in order.</summary>
    public List<string> Paths { get; } = [];

    /// <summary>Appends one line (buffered: <see cref="Flush"/> makes it visible to readers).</summary>
    public void Write(in LogEvent record)
    {
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        JsonSerializer.Serialize(json, record, EventLogJsonContext.Default.LogEvent);
        buffer.Write("\n"u8);
        if (file is not null && fileBytes >= Files.MaxFileBytes) CloseFile();
        if (file is null) OpenFile();
        file!.Write(buffer.WrittenSpan);
        fileBytes += buffer.WrittenCount;
    }

    /// <summary>Hands buffered lines to the OS (<paramref name="toDisk"/>: and waits until they are on disk).</summary>
    public void Flush(bool toDisk) => file?.Flush(toDisk);

    /// <summary>
    /// Drops the current file after a failed write or flush (full or vanished disk) without throwing; the
    /// next line opens a new file, so a caller that retries the failed line loses nothing it acknowledged.
    /// </summary>
    public void Abandon()
    {
        try
        {
            file?.Dispose();
        }
        catch (IOException)
        {
            // the bytes that failed are written again to the next file
        }
        file = null;
    }

    /// <summary>Flushes to disk and closes the current file.</summary>
    public void Dispose()
    {
        CloseFile();
        json.Dispose();
    }

    private void OpenFile()
    {
        file = Files.OpenNext(out var path);
        fileBytes = 0;
        Paths.Add(path);
        opened?.Invoke(path);
    }

    private void CloseFile()
    {
        if (file is null) return;
        file.Flush(flushToDisk: true);
        file.Dispose();
        file = null;
    }
}
