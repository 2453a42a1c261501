using System.Diagnostics;
using System.Threading.Channels;
using Botify.Contracts.EventLog;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Botify.Gateway;

/// <summary>
/// Appends event-log lines from a bounded queue on a background loop, so a request never waits for the disk, and
/// never acknowledges what the log cannot take: a request first reserves a place (<see cref="TryReserve"/>), which
/// is refused while the last write failed (disk full, I/O error), when <see cref="EventLogOptions.QueueCapacity"/>
/// lines are waiting, or once stopping began — the request is then not applied at all. A reserved place is filled
/// with the line (<see cref="Append"/>) or given back (<see cref="Release"/>). A failed write leaves the file ending in
/// a whole line and is retried every <see cref="EventLogOptions.RetryInterval"/> until space returns; a graceful stop
/// writes and fsyncs what is queued, for at most <see cref="EventLogOptions.StopTimeout"/>, then says how many lines it
/// could not write. Files follow the contract's layouts (<see cref="EventLogFileSet"/>, <see cref="ReferenceLogFileSet"/>).
/// </summary>
public sealed partial class EventLogWriter : IHostedService, IDisposable
{
    private const int BatchLines = 1024;

    private readonly Channel<LogEvent> queue = Channel.CreateUnbounded<LogEvent>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly EventLogOptions options;
    private readonly IServer? server;
    private readonly ILogger<EventLogWriter> logger;
    private readonly CancellationTokenSource giveUp = new();
    private readonly EventLogLayout layout;
    private Task pump = Task.CompletedTask;
    private EventLogFileWriter? files;
    private string? instance;
    private long held;
    private long accounted;
    private long reserved;
    private long written;
    private long refusedCannotWrite;
    private long refusedQueueFull;
    private long notWritten;
    private long problemSince;
    private long refusedAtProblem;
    private volatile string? problem;
    private volatile bool stopping;

    public EventLogWriter(IOptions<EventLogOptions> options, ILogger<EventLogWriter> logger, IServer? server = null)
    {
        this.options = options.Value;
        this.logger = logger;
        this.server = server;
        DirectoryPath = Path.GetFullPath(string.IsNullOrWhiteSpace(this.options.Directory) ? "log" : this.options.Directory);
        layout = ParseLayout(this.options.Layout);
        RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(this.options.RetryInterval.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The absolute folder the files go to.</summary>
    public string DirectoryPath { get; }

    /// <summary>Lines written to files so far.</summary>
    public long Written => Interlocked.Read(ref written);

    /// <summary>Lines reserved, queued or buffered and not yet in a file (at most <see cref="EventLogOptions.QueueCapacity"/>).</summary>
    public long Pending => Interlocked.Read(ref held);

    /// <summary>Acknowledged lines a stop gave up on (the disk stayed unwritable for the whole stop timeout).</summary>
    public long NotWritten => Interlocked.Read(ref notWritten);

    /// <summary>Why lines cannot be written now (null while writing works).</summary>
    public string? Problem => problem;

    /// <summary>The Retry-After of a refusal, in seconds.</summary>
    public string RetryAfterSeconds { get; }

    /// <summary>
    /// Reserves a place for one line before the request is applied; false (and why) when the line could not be
    /// written now. A true must be followed by <see cref="Append"/> or <see cref="Release"/>.
    /// </summary>
    public bool TryReserve(out EventLogRefusal refusal)
    {
        if (stopping)
        {
            refusal = EventLogRefusal.Stopping;
            return false;
        }
        if (problem is not null)
        {
            Interlocked.Increment(ref refusedCannotWrite);
            refusal = EventLogRefusal.CannotWrite;
            return false;
        }
        if (Interlocked.Increment(ref held) > options.QueueCapacity)
        {
            Interlocked.Decrement(ref held);
            Interlocked.Increment(ref refusedQueueFull);
            refusal = EventLogRefusal.QueueFull;
            return false;
        }
        Interlocked.Increment(ref reserved);
        refusal = EventLogRefusal.None;
        return true;
    }

    /// <summary>Fills a reserved place with the line of an acknowledged request; false only when the stop gave up waiting for it.</summary>
    public bool Append(in LogEvent record)
    {
        var queued = queue.Writer.TryWrite(record);
        if (!queued)
        {
            Interlocked.Decrement(ref held);
            Interlocked.Increment(ref notWritten);
        }
        Interlocked.Decrement(ref reserved);
        return queued;
    }

    /// <summary>Gives a reserved place back: the request was not acknowledged, so it has no line.</summary>
    public void Release()
    {
        Interlocked.Decrement(ref held);
        Interlocked.Decrement(ref reserved);
    }

    /// <summary>The client's answer when <see cref="TryReserve"/> refused: what is wrong and that nothing was applied.</summary>
    public string RefusalMessage(EventLogRefusal refusal) => refusal switch
    {
        EventLogRefusal.CannotWrite =>
            $"the event log cannot write to {DirectoryPath} ({problem ?? "write failed"}); this request was not applied — " +
            $"retry after {RetryAfterSeconds} s " +
            "(the gateway retries the disk by itself; free space there or send the request to another gateway)",
        EventLogRefusal.QueueFull =>
            $"the event log's queue is full ({options.QueueCapacity:N0} lines waiting for the disk at {DirectoryPath}); this request was not applied — " +
            $"retry after {RetryAfterSeconds} s",
        _ => "the service is stopping; retry on another instance or after restart",
    };

    /// <summary>The `eventLog` part of `/health`.</summary>
    public EventLogHealth Health()
    {
        var since = Interlocked.Read(ref problemSince);
        var failing = problem is not null && since != 0 ? Stopwatch.GetElapsedTime(since).TotalSeconds : (double?)null;
        var queued = Pending;
        var state = stopping ? "stopping"
            : problem is not null ? "cannot write"
            : queued >= options.QueueCapacity ? "queue full"
            : "writing";
        return new EventLogHealth(state, files?.Files.Describe() ?? Layout(instance ?? DefaultInstance()).Describe(), Written, queued, options.QueueCapacity,
            Interlocked.Read(ref refusedCannotWrite), Interlocked.Read(ref refusedQueueFull), problem, failing);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        CheckOptions();
        try
        {
            Directory.CreateDirectory(DirectoryPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"cannot create the event log folder {DirectoryPath} ({e.Message}); pass a writable --log-dir", e);
        }
        LogStarted(logger, Layout(instance ?? "gw-PORT").Describe(), options.QueueCapacity);
        pump = Task.Run(PumpAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        stopping = true;
        var clock = Stopwatch.StartNew();
        using var hostGaveUp = cancellationToken.Register(giveUp.Cancel);
        giveUp.CancelAfter(options.StopTimeout);
        // Requests that reserved a place before the stop are still in their grain call: their lines come next.
        while (Interlocked.Read(ref reserved) > 0 && !giveUp.IsCancellationRequested) await Task.Delay(10, CancellationToken.None);
        queue.Writer.TryComplete();
        // A write blocked in the kernel (a stalled disk) cannot be cancelled: wait for the pump no longer than the timeout.
        await Task.WhenAny(pump, Task.Delay(Timeout.Infinite, giveUp.Token)).ConfigureAwait(false);
        // Given up: the pump counts what it drops when its retry wakes up; one still blocked in a write is counted here.
        if (!pump.IsCompleted) await Task.WhenAny(pump, Task.Delay(1000, CancellationToken.None)).ConfigureAwait(false);
        if (!pump.IsCompleted) Interlocked.Add(ref notWritten, Pending);
        if (pump.IsFaulted)
        {
            // A failure the writer does not retry (not an I/O error): whatever it held is lost.
            Interlocked.Add(ref notWritten, Pending);
            LogPumpFailed(logger, pump.Exception!.GetBaseException());
        }
        var lost = NotWritten;
        if (lost > 0) LogNotDrained(logger, lost, DirectoryPath, problem ?? "the writer did not finish", clock.Elapsed.TotalSeconds);
        else LogStopped(logger, Written, DirectoryPath);
    }

    public void Dispose() => giveUp.Dispose();

    private async Task PumpAsync()
    {
        var reader = queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(giveUp.Token).ConfigureAwait(false))
            {
                files ??= new EventLogFileWriter(Layout(instance ??= DefaultInstance()), path => LogOpened(logger, path),
                    gone => LogDeleted(logger, gone.Path, gone.Bytes));
                for (var n = 0; n < BatchLines && reader.TryRead(out var record); n++)
                {
                    try
                    {
                        files.Write(record); // flushes by itself every 64 KiB
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // The line is buffered in the file writer; the commit below retries it.
                        Failed(e);
                        break;
                    }
                    finally
                    {
                        Account();
                    }
                }
                await CommitAsync(toDisk: false).ConfigureAwait(false);
            }
            await CommitAsync(toDisk: true).ConfigureAwait(false);
            files?.Abandon(); // everything is written and on disk: only the handle is left to close
            files = null;
        }
        catch (OperationCanceledException) when (giveUp.IsCancellationRequested)
        {
            // The stop timed out with lines that could not be written: count them.
            long dropped = files?.Abandon() ?? 0;
            while (reader.TryRead(out _)) dropped++;
            Interlocked.Add(ref held, -dropped);
            Interlocked.Add(ref notWritten, dropped);
        }
    }

    // Writes what the file writer buffered; on failure retries until it works or the stop gives up.
    private async Task CommitAsync(bool toDisk)
    {
        while (files is not null)
        {
            try
            {
                files.Flush(toDisk);
                Account();
                if (problem is not null) Recovered();
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Account();
                Failed(e);
            }
            await Task.Delay(options.RetryInterval, giveUp.Token).ConfigureAwait(false);
        }
    }

    // Lines the file writer put in files since the last call: their places in the queue are free again.
    private void Account()
    {
        var lines = files!.LinesWritten - accounted;
        if (lines == 0) return;
        accounted += lines;
        Interlocked.Add(ref held, -lines);
        Interlocked.Add(ref written, lines);
    }

    private void Failed(Exception e)
    {
        if (problem is not null) return;
        Interlocked.Exchange(ref problemSince, Stopwatch.GetTimestamp());
        Interlocked.Exchange(ref refusedAtProblem, Interlocked.Read(ref refusedCannotWrite));
        problem = e.Message;
        LogWriteFailed(logger, DirectoryPath, e.Message, Pending);
    }

    private void Recovered()
    {
        var seconds = Stopwatch.GetElapsedTime(Interlocked.Read(ref problemSince)).TotalSeconds;
        problem = null;
        LogRecovered(logger, DirectoryPath, seconds, Interlocked.Read(ref refusedCannotWrite) - Interlocked.Read(ref refusedAtProblem));
    }

    private void CheckOptions()
    {
        if (options.QueueCapacity < 1)
        {
            throw new InvalidOperationException(
                $"Botify:EventLog:QueueCapacity (--log-queue) is {options.QueueCapacity}; give 1 or more lines (default 65536)");
        }
        if (options.RetryInterval <= TimeSpan.Zero || options.StopTimeout < TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"Botify:EventLog:RetryInterval must be positive and StopTimeout not negative (got {options.RetryInterval} and {options.StopTimeout})");
        }
        if (layout == EventLogLayout.Reference && (options.RetainFiles > 0 || options.RetainBytes > 0))
        {
            throw new InvalidOperationException(
                "--log-retain-files and --log-retain-bytes apply to the jsonl layout; the reference layout keeps --log-backups N rotated files " +
                "(default 10), as the reference service");
        }
        if (options.RetainFiles < 0 || options.RetainBytes < 0)
        {
            throw new InvalidOperationException(
                $"--log-retain-files ({options.RetainFiles}) and --log-retain-bytes ({options.RetainBytes}) must be 0 (keep all) or more");
        }
        try
        {
            if (!string.IsNullOrEmpty(options.Instance)) instance = EventLogFileSet.CheckedInstance(options.Instance);
            Layout(instance ?? "gw"); // checks sizes, backups and retention
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }

    private IEventLogFileLayout Layout(string name) => layout == EventLogLayout.Reference
        ? new ReferenceLogFileSet(DirectoryPath, options.MaxFileBytes, options.Backups)
        : new EventLogFileSet(DirectoryPath, name, options.MaxFileBytes, new EventLogRetention(options.RetainFiles, options.RetainBytes));

    private static EventLogLayout ParseLayout(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "jsonl" => EventLogLayout.Jsonl,
        "reference" => EventLogLayout.Reference,
        _ => throw new InvalidOperationException(
            $"--log-layout '{value}' is not a layout; use jsonl (events-<instance>-NNNN.jsonl, the default) or reference " +
            "(data.json rotated to data.json.1 …, as the reference service)"),
    };

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

    [LoggerMessage(Level = LogLevel.Information, Message = "event log: {Files}; at most {Capacity} lines queued")]
    private static partial void LogStarted(ILogger logger, string files, int capacity);

    [LoggerMessage(Level = LogLevel.Information, Message = "event log: writing {Path}")]
    private static partial void LogOpened(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "event log: deleted {Path} ({Bytes} bytes) by rotation/retention")]
    private static partial void LogDeleted(ILogger logger, string path, long bytes);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "event log: cannot write to {Directory} ({Reason}); {Pending} lines held in memory, retrying; " +
            "/next and /last answer 503 until it writes again")]
    private static partial void LogWriteFailed(ILogger logger, string directory, string reason, long pending);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "event log: writing to {Directory} again after {Seconds:F1} s; {Refused} requests were refused meanwhile")]
    private static partial void LogRecovered(ILogger logger, string directory, double seconds, long refused);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "event log: stopped with {Count} acknowledged lines NOT written to {Directory} ({Reason}) after trying for {Seconds:F1} s")]
    private static partial void LogNotDrained(ILogger logger, long count, string directory, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "event log: the writer failed")]
    private static partial void LogPumpFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "event log: stopped; {Written} lines written to {Directory}, none lost")]
    private static partial void LogStopped(ILogger logger, long written, string directory);
}
