using System.Threading.Channels;
using Botify.Contracts.EventLog;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Botify.Gateway;

/// <summary>
/// Appends event log lines from a queue on a background loop, so a request only enqueues
/// (never waits for the disk). Files and lines follow the contract (<see cref="EventLogFileSet"/>,
/// <see cref="EventLogFileWriter"/>): `events-&lt;instance&gt;-&lt;seq&gt;.jsonl`, a new sequence number
/// on each size rotation and each start; a graceful stop writes and flushes to disk everything
/// enqueued before it.
/// </summary>
public sealed partial class EventLogWriter : IHostedService
{
    private readonly Channel<LogEvent> queue = Channel.CreateUnbounded<LogEvent>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly EventLogOptions options;
    private readonly IServer? server;
    private readonly ILogger<EventLogWriter> logger;
    private Task pump = Task.CompletedTask;
    private EventLogFileWriter? files;
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
    public bool TryAppend(in LogEvent record) => queue.Writer.TryWrite(record);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.MaxFileBytes < EventLogFileSet.MinFileBytes)
        {
            throw new InvalidOperationException(
                $"Botify:EventLog:MaxFileBytes (--log-max-bytes) is {options.MaxFileBytes}; set it to {EventLogFileSet.MinFileBytes} bytes or more");
        }
        try
        {
            if (!string.IsNullOrEmpty(options.Instance)) instance = EventLogFileSet.CheckedInstance(options.Instance);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
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
        var reader = queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var record))
            {
                await WriteWithRetryAsync(record).ConfigureAwait(false);
            }
            await FlushWithRetryAsync(toDisk: false).ConfigureAwait(false);
        }
        await FlushWithRetryAsync(toDisk: true).ConfigureAwait(false);
        files?.Dispose();
        files = null;
    }

    private async Task WriteWithRetryAsync(LogEvent record)
    {
        while (true)
        {
            try
            {
                // The instance is known once Kestrel listens (gw-<port>), so the file set is made at the first line.
                files ??= new EventLogFileWriter(
                    new EventLogFileSet(DirectoryPath, instance ??= DefaultInstance(), options.MaxFileBytes), path => LogOpened(logger, path));
                files.Write(record);
                Interlocked.Increment(ref written);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A full or vanished disk must not lose acknowledged lines: retry on a fresh file.
                LogWriteFailed(logger, e, DirectoryPath);
                files?.Abandon();
                await Task.Delay(1000).ConfigureAwait(false);
            }
        }
    }

    private async Task FlushWithRetryAsync(bool toDisk)
    {
        while (files is not null)
        {
            try
            {
                files.Flush(toDisk);
                return;
            }
            catch (IOException e)
            {
                LogWriteFailed(logger, e, DirectoryPath);
                await Task.Delay(1000).ConfigureAwait(false);
            }
        }
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

    [LoggerMessage(Level = LogLevel.Information,
        Message = "event log: folder {Directory}, files events-{Instance}-NNNN.jsonl, a new file every {MaxBytes} bytes")]
    private static partial void LogStarted(ILogger logger, string directory, string instance, long maxBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "event log: writing {Path}")]
    private static partial void LogOpened(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "event log: cannot write to {Directory}; retrying every second, nothing enqueued is dropped")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string directory);

    [LoggerMessage(Level = LogLevel.Error, Message = "event log: stop timed out with {Count} lines not yet written to {Directory}")]
    private static partial void LogNotDrained(ILogger logger, int count, string directory);
}
