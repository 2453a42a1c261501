using System.Text.Json;

namespace Botify.Contracts.EventLog;

/// <summary>
/// Parses one event-log line with <see cref="Utf8JsonReader"/>, no DOM: the fields of <see cref="LogEvent"/>,
/// each at most once, `message`, `timestamp`, `user`, `track` and `time` required, extra fields ignored.
/// A line that is not a valid event yields null and the reason, never an exception.
/// </summary>
internal static class EventLogLineParser
{
    public static LogEvent? Parse(ReadOnlySpan<byte> line, ExperimentsCache cache, out string? reason)
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
        var experiments = LogEvent.NoExperiments;
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

            if (field == 0) // message
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
            else if (field == 1) // timestamp
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var ms) || ms < 0)
                {
                    reason = "\"timestamp\" must be a non-negative integer (Unix ms)";
                    return null;
                }

                timestamp = ms;
            }
            else if (field == 2) // user
            {
                if (!TryReadId(ref reader, out var id))
                {
                    reason = "\"user\" must be an integer in 0..2147483647";
                    return null;
                }

                user = id;
            }
            else if (field == 3) // track
            {
                if (!TryReadId(ref reader, out var id))
                {
                    reason = "\"track\" must be an integer in 0..2147483647";
                    return null;
                }

                track = id;
            }
            else if (field == 4) // time
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var t) || !(t >= 0 && t <= 1))
                {
                    reason = "\"time\" must be a number in 0..1";
                    return null;
                }

                time = t;
            }
            else if (field == 5) // latency
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var l) || !(l >= 0 && l < 1e6))
                {
                    reason = "\"latency\" must be a non-negative number of seconds";
                    return null;
                }

                latency = l;
            }
            else if (field == 6) // recommendation
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
            else if (field == 7) // experiments
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

    /// <summary>Index of a contract field (for duplicate detection and dispatch: each name compared once), −1 for an extra field.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int FieldIndex(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var name = reader.ValueSpan;
            return name.Length switch
            {
                4 => name.SequenceEqual("user"u8) ? 2 : name.SequenceEqual("time"u8) ? 4 : -1,
                5 => name.SequenceEqual("track"u8) ? 3 : -1,
                7 => name.SequenceEqual("message"u8) ? 0 : name.SequenceEqual("latency"u8) ? 5 : -1,
                9 => name.SequenceEqual("timestamp"u8) ? 1 : -1,
                11 => name.SequenceEqual("experiments"u8) ? 7 : -1,
                14 => name.SequenceEqual("recommendation"u8) ? 6 : -1,
                _ => -1,
            };
        }
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
}
