using System.Collections.Concurrent;
using Botify.Contracts.JsonLines;

namespace Botify.Contracts.EventLog;

/// <summary>
/// Reads every event-log file under a folder (recursively: several gateways' folders, rotated files; the project's
/// <c>*.jsonl</c> and the reference layout's <c>data.json</c>, <c>data.json.N</c>, see <see cref="EventLogFiles"/>),
/// oldest file first and lines in file order. Malformed lines — bad JSON, wrong shapes, ids out of
/// range, lines over the size limit — are skipped and counted, never fatal; the first is named
/// `file:line: reason`. <see cref="Stream"/> hands each event over as it is parsed (memory stays flat
/// however large the log); <see cref="Read"/> returns them all in a list.
/// </summary>
public static class EventLogReader
{
    /// <summary>A real event line is ~200 bytes; anything this long is hostile or corrupt.</summary>
    public const int DefaultMaxLineBytes = 64 * 1024;

    /// <summary>Where a user finds the line format (named in errors).</summary>
    public const string FormatReference = "README.md, section \"Event-log format\" (README.md#event-log-format)";

    private const int ReadBufferBytes = 1 << 20;
    private const int BatchEvents = 4096;
    private const int BatchesInFlight = 8;

    /// <summary>Every event of the folder in a list; throws <see cref="EventLogException"/> when the folder is missing or holds no event.</summary>
    public static EventLogFolder Read(string folder, int maxLineBytes = DefaultMaxLineBytes)
    {
        var files = EventLogFiles.Find(folder);
        // Files parse independently (in parallel); their events are then joined in file order.
        var events = new List<LogEvent>[files.Count];
        var tallies = new FileTally[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var list = new List<LogEvent>();
            tallies[i] = ScanFile(files[i], maxLineBytes, new ExperimentsCache(), (in LogEvent e) => list.Add(e));
            events[i] = list;
        });
        var total = 0;
        foreach (var list in events) total += list.Count;
        var all = new List<LogEvent>(total);
        for (var i = 0; i < events.Length; i++)
        {
            all.AddRange(events[i]);
            events[i] = null!; // let the per-file list go as soon as it is copied
        }
        var scan = Summarise(folder, files, tallies, all.Count);
        return new EventLogFolder(all, scan);
    }

    /// <summary>
    /// Hands every event of the folder to <paramref name="onEvent"/>, in order, on the calling thread, while
    /// another thread parses ahead (a few thousand events at most): no list of the log is ever held.
    /// Throws <see cref="EventLogException"/> when the folder is missing or holds no event (after the scan).
    /// </summary>
    public static EventLogScan Stream(string folder, LogEventHandler onEvent, int maxLineBytes = DefaultMaxLineBytes)
    {
        var files = EventLogFiles.Find(folder);
        var tallies = new FileTally[files.Count];
        using var full = new BlockingCollection<Batch>(BatchesInFlight);
        var empty = new ConcurrentBag<LogEvent[]>();
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(() =>
        {
            try
            {
                var batch = new Batch(new LogEvent[BatchEvents], 0);
                for (var i = 0; i < files.Count; i++)
                {
                    tallies[i] = ScanFile(files[i], maxLineBytes, new ExperimentsCache(), (in LogEvent e) =>
                    {
                        batch.Events[batch.Count++] = e;
                        if (batch.Count < BatchEvents) return;
                        full.Add(batch, stop.Token);
                        batch = new Batch(empty.TryTake(out var reused) ? reused : new LogEvent[BatchEvents], 0);
                    });
                }
                if (batch.Count > 0) full.Add(batch, stop.Token);
            }
            finally
            {
                full.CompleteAdding();
            }
        });
        long count = 0;
        try
        {
            foreach (var batch in full.GetConsumingEnumerable())
            {
                for (var i = 0; i < batch.Count; i++) onEvent(in batch.Events[i]);
                count += batch.Count;
                empty.Add(batch.Events);
            }
        }
        catch
        {
            stop.Cancel(); // the handler failed: the parser stops at its next batch
            throw;
        }
        finally
        {
            try
            {
                producer.Wait();
            }
            catch (AggregateException e) when (stop.IsCancellationRequested && e.InnerException is OperationCanceledException)
            {
                // stopped because the handler failed; that exception propagates
            }
        }
        return Summarise(folder, files, tallies, count);
    }

    /// <summary>Parses one line; returns null and sets <paramref name="reason"/> when it is not a valid event.</summary>
    public static LogEvent? ParseLine(ReadOnlySpan<byte> line, out string? reason) =>
        EventLogLineParser.Parse(line, new ExperimentsCache(), out reason);

    private static EventLogScan Summarise(string folder, List<string> files, FileTally[] tallies, long events)
    {
        long lines = 0, malformed = 0;
        string? firstMalformed = null;
        foreach (var tally in tallies)
        {
            lines += tally.Lines;
            malformed += tally.Malformed;
            firstMalformed ??= tally.FirstMalformed;
        }
        if (events == 0)
        {
            var why = malformed == 0 ? "they are empty" : $"all {malformed:N0} non-empty lines are malformed, first: {firstMalformed}";
            throw new EventLogException(
                $"--logs {folder}: no events in {files.Count} event-log file(s) ({why}); pass a folder with event lines as described in {FormatReference}.");
        }
        return new EventLogScan(folder, files, events, lines, malformed, firstMalformed);
    }

    /// <summary>Every line of one file: events to <paramref name="onEvent"/>, the rest counted.</summary>
    private static FileTally ScanFile(string path, int maxLineBytes, ExperimentsCache cache, LogEventHandler onEvent)
    {
        var tally = new FileTally(path);
        JsonLinesReader? lines = null;
        try
        {
            lines = new JsonLinesReader(path, maxLineBytes, ReadBufferBytes);
            while (true)
            {
                var status = lines.Read(out var line);
                if (status == JsonLineStatus.End) break;
                if (status == JsonLineStatus.TooLong)
                {
                    tally.Skip(lines.LineNumber, $"line longer than {maxLineBytes:N0} bytes");
                    continue;
                }
                if (line.Trim(" \t\r"u8).IsEmpty) continue;
                if (EventLogLineParser.Parse(line, cache, out var reason) is { } e) onEvent(in e);
                else tally.Skip(lines.LineNumber, reason!);
            }
        }
        catch (IOException ex)
        {
            tally.Skip((lines?.LineNumber ?? 0) + 1, $"cannot read the file ({ex.Message})");
        }
        catch (UnauthorizedAccessException ex)
        {
            tally.Unreadable($"cannot read the file ({ex.Message})");
        }
        finally
        {
            lines?.Dispose();
        }
        tally.Lines = lines?.LineNumber ?? 0;
        return tally;
    }

    private sealed class Batch(LogEvent[] events, int count)
    {
        public LogEvent[] Events { get; } = events;

        public int Count { get; set; } = count;
    }

    /// <summary>What one file held besides its events: lines read, lines skipped, the first skipped one.</summary>
    private sealed class FileTally(string path)
    {
        public long Lines { get; set; }

        public long Malformed { get; private set; }

        public string? FirstMalformed { get; private set; }

        public void Skip(long line, string reason)
        {
            Malformed++;
            FirstMalformed ??= $"{path}:{line}: {reason}";
        }

        public void Unreadable(string reason)
        {
            Malformed++;
            FirstMalformed ??= $"{path}: {reason}";
        }
    }
}
