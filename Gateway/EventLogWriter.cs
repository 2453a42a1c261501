using System.Buffers;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Botify.Gateway;

/// <summary>
/// Appends event log lines from a queue on a background loop, so a request only enqueues
/// (never waits for the disk). Files are `events-&lt;instance&gt;-&lt;seq&gt;.jsonl`, a new
/// sequence number on each size rotation and each start; a graceful stop writes and
/// flushes to disk everything enqueued before it.
/// </summary>
public sealed partial class EventLogWriter : IHostedService
{
    private readonly Channel<EventLogRecord> queue = Channel.CreateUnbounded<EventLogRecord>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly EventLogOptions options;
    private readonly IServer? server;
    private readonly ILogger<EventLogWriter> logger;
    private Task pump = Task.CompletedTask;
    private FileStream? file;
    private long fileBytes;
    private int sequence;
    private string? instance;
    private long written;

    public EventLogWriter(IOptions<EventLogOptions> options, ILogger<EventLogWriter> logger, IServer? server = null)
    {
        this.options = options.Value;
        this.logger = logger;
        this.server = server;
        DirectoryPath = Path.GetFullPath(string.IsNullOrWhiteSpace(this.options.Directory) ? "log" : this.options.Directory);
    }

    /// <summary>The absolute folder the files go to.</summary>
    public string DirectoryPath { get; }

    /// <summary>Lines written to files so far.</summary>
    public long Written => Interlocked.Read(ref written);

    /// <summary>Lines enqueued and not yet written.</summary>
    public int Pending => queue.Reader.Count;

    /// <summary>Enqueues a line; false once stopping began (the caller must not acknowledge the request).</summary>
    public bool TryAppend(EventLogRecord record) => queue.Writer.TryWrite(record);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.MaxFileBytes < 1024)
        {
            throw new InvalidOperationException($"Botify:EventLog:MaxFileBytes (--log-max-bytes) is {options.MaxFileBytes}; set it to 1024 bytes or more");
        }
        if (!string.IsNullOrEmpty(options.Instance)) instance = CheckedInstance(options.Instance);
        try
        {
            Directory.CreateDirectory(DirectoryPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"cannot create the event log folder {DirectoryPath} ({e.Message}); pass a writable --log-dir", e);
        }
        LogStarted(logger, DirectoryPath, instance ?? "gw-<port>", options.MaxFileBytes);
        pump = Task.Run(PumpAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        try
        {
            await pump.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            LogNotDrained(logger, queue.Reader.Count, DirectoryPath);
        }
    }

    private async Task PumpAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using var json = new Utf8JsonWriter(buffer);
        var reader = queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var record))
            {
                buffer.ResetWrittenCount();
                json.Reset(buffer);
                JsonSerializer.Serialize(json, record, EventLogJsonContext.Default.EventLogRecord);
                buffer.Write("\n"u8);
                await WriteWithRetryAsync(buffer.WrittenMemory).ConfigureAwait(false);
            }
            await FlushWithRetryAsync(toDisk: false).ConfigureAwait(false);
        }
        await FlushWithRetryAsync(toDisk: true).ConfigureAwait(false);
        file?.Dispose();
        file = null;
    }

    private async Task WriteWithRetryAsync(ReadOnlyMemory<byte> line)
    {
        while (true)
        {
            try
            {
                if (file is null || fileBytes >= options.MaxFileBytes) OpenNextFile();
                file!.Write(line.Span);
                fileBytes += line.Length;
                Interlocked.Increment(ref written);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A full or vanished disk must not lose acknowledged lines: retry on a fresh file.
                LogWriteFailed(logger, e, DirectoryPath);
                CloseQuietly();
                await Task.Delay(1000).ConfigureAwait(false);
            }
        }
    }

    private async Task FlushWithRetryAsync(bool toDisk)
    {
        while (file is not null)
        {
            try
            {
                file.Flush(toDisk);
                return;
            }
            catch (IOException e)
            {
                LogWriteFailed(logger, e, DirectoryPath);
                await Task.Delay(1000).ConfigureAwait(false);
            }
        }
    }

    private void OpenNextFile()
    {
        if (file is not null)
        {
            file.Flush(flushToDisk: true);
            file.Dispose();
            file = null;
        }
        instance ??= DefaultInstance();
        if (sequence == 0) sequence = LastSequence(instance);
        while (true)
        {
            sequence++;
            var path = Path.Combine(DirectoryPath, $"events-{instance}-{sequence:D4}.jsonl");
            try
            {
                Directory.CreateDirectory(DirectoryPath);
                file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 64 * 1024);
                fileBytes = 0;
                LogOpened(logger, path);
                return;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another writer with the same instance name took this number: take the next.
            }
        }
    }

    private void CloseQuietly()
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

    private int LastSequence(string name)
    {
        var last = 0;
        var prefix = $"events-{name}-";
        foreach (var path in Directory.EnumerateFiles(DirectoryPath, prefix + "*.jsonl"))
        {
            var middle = Path.GetFileNameWithoutExtension(path).AsSpan(prefix.Length);
            if (int.TryParse(middle, out var seq) && seq > last) last = seq;
        }
        return last;
    }

    private string DefaultInstance()
    {
        var addresses = server?.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is not null)
        {
            foreach (var address in addresses)
            {
                if (BindingAddress.Parse(address) is { Port: > 0 } bound) return $"gw-{bound.Port}";
            }
        }
        return "gw";
    }

    private static string CheckedInstance(string name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new InvalidOperationException($"--instance '{name}' may contain only letters, digits, '-', '_' and '.' (it is part of the log file names)");
            }
        }
        return name;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "event log: folder {Directory}, files events-{Instance}-NNNN.jsonl, a new file every {MaxBytes} bytes")]
    private static partial void LogStarted(ILogger logger, string directory, string instance, long maxBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "event log: writing {Path}")]
    private static partial void LogOpened(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "event log: cannot write to {Directory}; retrying every second, nothing enqueued is dropped")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(Level = LogLevel.Error, Message = "event log: stop timed out with {Count} lines not yet written to {Directory}")]
    private static partial void LogNotDrained(ILogger logger, int count, string directory);
}
