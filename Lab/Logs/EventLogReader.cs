using System.Buffers;
using System.Text.Json;

namespace Botify.Lab.Logs;

/// <summary>
/// Reads every <c>*.jsonl</c> file under a folder (recursively, rotated files included) with
/// <see cref="Utf8JsonReader"/>, no DOM. Malformed lines — bad JSON, wrong shapes, ids out of
/// range, lines over <see cref="DefaultMaxLineBytes"/> — are skipped and counted, never fatal.
/// </summary>
public static class EventLogReader
{
    /// <summary>A real event line is ~200 bytes; anything this long is hostile or corrupt.</summary>
    public const int DefaultMaxLineBytes = 64 * 1024;

    /// <summary>Reads the folder; throws <see cref="EventLogException"/> when it is missing or holds no event.</summary>
    public static EventLogFolder Read(string folder, int maxLineBytes = DefaultMaxLineBytes)
    {
        if (!Directory.Exists(folder))
        {
            throw new EventLogException(
                $"--logs {folder}: folder not found; pass the folder the gateway or simulator wrote its events-*.jsonl files to.");
        }

        var files = Directory.EnumerateFiles(folder, "*.jsonl", SearchOption.AllDirectories).ToArray();
        Array.Sort(files, StringComparer.Ordinal);
        if (files.Length == 0)
        {
            throw new EventLogException(
                $"--logs {folder}: no *.jsonl files in this folder or below; pass the folder the gateway or simulator wrote its events-*.jsonl files to.");
        }

        var results = new FileResult[files.Length];
        Parallel.For(0, files.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => results[i] = ReadFile(files[i], maxLineBytes));

        var total = 0;
        foreach (var result in results)
        {
            total += result.Events.Count;
        }

        var events = new List<LogEvent>(total);
        long lines = 0, malformed = 0;
        string? firstMalformed = null;
        foreach (var result in results)
        {
            events.AddRange(result.Events);
            lines += result.Lines;
            malformed += result.Malformed;
            firstMalformed ??= result.FirstMalformed;
        }

        if (events.Count == 0)
        {
            var why = malformed == 0 ? "they are empty" : $"all {malformed:N0} non-empty lines are malformed, first: {firstMalformed}";
            throw new EventLogException(
                $"--logs {folder}: no events in {files.Length} *.jsonl file(s) ({why}); pass a folder with event lines as in notes/eventlog.md.");
        }

        return new EventLogFolder(folder, events, files, lines, malformed, firstMalformed);
    }

    /// <summary>Parses one line; returns null and sets <paramref name="reason"/> when it is not a valid event.</summary>
    public static LogEvent? ParseLine(ReadOnlySpan<byte> line, out string? reason)
    {
        var cache = new ExperimentsCache();
        return ParseLine(line, cache, out reason);
    }

    private sealed record FileResult(List<LogEvent> Events, long Lines, long Malformed, string? FirstMalformed);

    private static FileResult ReadFile(string path, int maxLineBytes)
    {
        var events = new List<LogEvent>();
        var cache = new ExperimentsCache();
        long lineNumber = 0, malformed = 0;
        string? firstMalformed = null;

        void Parse(ReadOnlySpan<byte> line)
        {
            lineNumber++;
            if (line.Trim(" \t\r"u8).IsEmpty)
            {
                return;
            }

            var parsed = ParseLine(line, cache, out var reason);
            if (parsed is { } e)
            {
                events.Add(e);
            }
            else
            {
                malformed++;
                firstMalformed ??= $"{path}:{lineNumber}: {reason}";
            }
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1 << 20, 2 * maxLineBytes));
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
                1, FileOptions.SequentialScan);
            int start = 0, end = 0;
            var skipping = false;
            while (true)
            {
                var read = stream.Read(buffer, end, buffer.Length - end);
                end += read;
                while (start < end)
                {
                    var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        break;
                    }

                    if (skipping)
                    {
                        skipping = false;
                    }
                    else if (newline > maxLineBytes)
                    {
                        lineNumber++;
                        malformed++;
                        firstMalformed ??= $"{path}:{lineNumber}: line longer than {maxLineBytes:N0} bytes";
                    }
                    else
                    {
                        Parse(buffer.AsSpan(start, newline));
                    }

                    start += newline + 1;
                }

                if (read == 0)
                {
                    if (start < end && !skipping && end - start > maxLineBytes)
                    {
                        lineNumber++;
                        malformed++;
                        firstMalformed ??= $"{path}:{lineNumber}: line longer than {maxLineBytes:N0} bytes";
                    }
                    else if (start < end && !skipping)
                    {
                        Parse(buffer.AsSpan(start, end - start)); // last line without newline: a truncated file
                    }

                    break;
                }

                var pending = end - start;
                if (skipping)
                {
                    start = end = 0;
                }
                else if (pending > maxLineBytes)
                {
                    lineNumber++;
                    malformed++;
                    firstMalformed ??= $"{path}:{lineNumber}: line longer than {maxLineBytes:N0} bytes";
                    skipping = true;
                    start = end = 0;
                }
                else
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, pending);
                    start = 0;
                    end = pending;
                }
            }
        }
        catch (IOException ex)
        {
            malformed++;
            firstMalformed ??= $"{path}:{lineNumber + 1}: cannot read the file ({ex.Message})";
        }
        catch (UnauthorizedAccessException ex)
        {
            malformed++;
            firstMalformed ??= $"{path}: cannot read the file ({ex.Message})";
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new FileResult(events, lineNumber, malformed, firstMalformed);
    }

    private static LogEvent? ParseLine(ReadOnlySpan<byte> line, ExperimentsCache cache, out string? reason)
    {
        try
        {
            return ParseLineUnchecked(line, cache, out reason);
        }
        catch (JsonException ex)
        {
            reason = $"invalid JSON ({FirstSentence(ex.Message)})";
            return null;
        }
        catch (InvalidOperationException ex)
        {
            reason = $"invalid JSON ({FirstSentence(ex.Message)})";
            return null;
        }
    }

    private static LogEvent? ParseLineUnchecked(ReadOnlySpan<byte> line, ExperimentsCache cache, out string? reason)
    {
        var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reason = "not a JSON object";
            return null;
        }

        LogMessage? message = null;
        long? timestamp = null;
        int? user = null, track = null, recommendation = null;
        double? time = null;
        double latency = 0;
        IReadOnlyDictionary<string, string> experiments = LogEvent.NoExperiments;
        var seen = 0;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                reason = "not a JSON object";
                return null;
            }

            var field = FieldIndex(ref reader);
            if (field >= 0)
            {
                if ((seen & (1 << field)) != 0)
                {
                    reason = $"field \"{reader.GetString()}\" appears twice";
                    return null;
                }

                seen |= 1 << field;
            }

            if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("next"u8))
                {
                    message = LogMessage.Next;
                }
                else if (reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("last"u8))
                {
                    message = LogMessage.Last;
                }
                else
                {
                    reason = "\"message\" must be \"next\" or \"last\"";
                    return null;
                }
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var ms) || ms < 0)
                {
                    reason = "\"timestamp\" must be a non-negative integer (Unix ms)";
                    return null;
                }

                timestamp = ms;
            }
            else if (reader.ValueTextEquals("user"u8))
            {
                if (!TryReadId(ref reader, out var id))
                {
                    reason = "\"user\" must be an integer in 0..2147483647";
                    return null;
                }

                user = id;
            }
            else if (reader.ValueTextEquals("track"u8))
            {
                if (!TryReadId(ref reader, out var id))
                {
                    reason = "\"track\" must be an integer in 0..2147483647";
                    return null;
                }

                track = id;
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var t) || !(t >= 0 && t <= 1))
                {
                    reason = "\"time\" must be a number in 0..1";
                    return null;
                }

                time = t;
            }
            else if (reader.ValueTextEquals("latency"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var l) || !(l >= 0 && l < 1e6))
                {
                    reason = "\"latency\" must be a non-negative number of seconds";
                    return null;
                }

                latency = l;
            }
            else if (reader.ValueTextEquals("recommendation"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    recommendation = null;
                }
                else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var r))
                {
                    recommendation = r;
                }
                else
                {
                    reason = "\"recommendation\" must be an integer or null";
                    return null;
                }
            }
            else if (reader.ValueTextEquals("experiments"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    reason = "\"experiments\" must be an object {name: arm}";
                    return null;
                }

                var start = (int)reader.TokenStartIndex;
                if (!reader.TrySkip())
                {
                    reason = "\"experiments\" is truncated";
                    return null;
                }

                var raw = line[start..(int)reader.BytesConsumed];
                var parsed = cache.Get(raw);
                if (parsed is null)
                {
                    reason = "\"experiments\" must map names to string arms";
                    return null;
                }

                experiments = parsed;
            }
            else
            {
                reader.Read();
                reader.Skip(); // unknown extra fields are allowed by the contract
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            reason = "truncated JSON object";
            return null;
        }

        if (reader.Read())
        {
            reason = "extra content after the JSON object";
            return null;
        }

        if (message is null || timestamp is null || user is null || track is null || time is null)
        {
            reason = "missing field(s): " + Missing(message is null, timestamp is null, user is null, track is null, time is null);
            return null;
        }

        reason = null;
        return new LogEvent(message.Value, timestamp.Value, user.Value, track.Value, time.Value, latency, recommendation, experiments);
    }

    /// <summary>Index of a contract field (for duplicate detection), −1 for an extra field.</summary>
    private static int FieldIndex(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("message"u8)) return 0;
        if (reader.ValueTextEquals("timestamp"u8)) return 1;
        if (reader.ValueTextEquals("user"u8)) return 2;
        if (reader.ValueTextEquals("track"u8)) return 3;
        if (reader.ValueTextEquals("time"u8)) return 4;
        if (reader.ValueTextEquals("latency"u8)) return 5;
        if (reader.ValueTextEquals("recommendation"u8)) return 6;
        if (reader.ValueTextEquals("experiments"u8)) return 7;
        return -1;
    }

    private static bool TryReadId(ref Utf8JsonReader reader, out int id)
    {
        reader.Read();
        id = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out id) && id >= 0;
    }

    private static string Missing(bool message, bool timestamp, bool user, bool track, bool time)
    {
        var names = new List<string>(5);
        if (message) names.Add("message");
        if (timestamp) names.Add("timestamp");
        if (user) names.Add("user");
        if (track) names.Add("track");
        if (time) names.Add("time");
        return string.Join(", ", names);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message.TrimEnd('.') : message[..cut];
    }

    /// <summary>
    /// Experiments objects repeat verbatim across events of a run; comparing raw bytes against a few
    /// known ones avoids a dictionary and strings per event.
    /// </summary>
    private sealed class ExperimentsCache
    {
        private const int Capacity = 64;
        private readonly List<(byte[] Raw, IReadOnlyDictionary<string, string> Value)> entries = new();
        private readonly Dictionary<string, IReadOnlyDictionary<string, string>> byKey = new();

        public IReadOnlyDictionary<string, string>? Get(ReadOnlySpan<byte> raw)
        {
            foreach (var entry in entries)
            {
                if (raw.SequenceEqual(entry.Raw))
                {
                    return entry.Value;
                }
            }

            var parsed = Parse(raw);
            if (parsed is null)
            {
                return null;
            }

            var key = string.Join('\u0001', parsed.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "\u0002" + p.Value));
            if (!byKey.TryGetValue(key, out var shared))
            {
                shared = parsed;
                byKey[key] = shared;
            }

            if (entries.Count < Capacity)
            {
                entries.Add((raw.ToArray(), shared));
            }

            return shared;
        }

        private static Dictionary<string, string>? Parse(ReadOnlySpan<byte> raw)
        {
            var reader = new Utf8JsonReader(raw, isFinalBlock: true, state: default);
            reader.Read();
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return null;
                }

                result[name] = reader.GetString()!;
            }

            return result;
        }
    }
}
