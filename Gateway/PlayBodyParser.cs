using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Botify.Gateway;

/// <summary>
/// Reads `{"track":int,"time":0..1}` with <see cref="Utf8JsonReader"/>: exact types, no
/// model binding, and an error that names the field and the fix for every mistake.
/// </summary>
public static class PlayBodyParser
{
    private const string Shape = "send {\"track\":<track id 0..2147483647>,\"time\":<share listened 0..1>}";
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 8, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Parses a whole body; returns null and the play when valid, else the error (never throws).</summary>
    public static ApiError? TryParse(in ReadOnlySequence<byte> body, out PlayBody play)
    {
        play = default;
        // A UTF-8 byte order mark is tolerated (RFC 8259 lets parsers ignore it).
        var start = body.Start;
        if (body.Length >= 3 && body.FirstSpan.Length >= 3 && body.FirstSpan[..3].SequenceEqual("\uFEFF"u8)) start = body.GetPosition(3);
        var reader = new Utf8JsonReader(body.Slice(start), ReaderOptions);
        try
        {
            if (!reader.Read()) return new ApiError($"the request body is empty; {Shape}", "body");
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return new ApiError($"the body must be a JSON object, got {Describe(reader.TokenType)}; {Shape}", "body");
            }
            int track = 0;
            double time = 0;
            bool hasTrack = false, hasTime = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("track"u8))
                {
                    if (hasTrack) return new ApiError("track appears twice; send it once", "track");
                    reader.Read();
                    var error = ReadTrack(ref reader, out track);
                    if (error is not null) return error;
                    hasTrack = true;
                }
                else if (reader.ValueTextEquals("time"u8))
                {
                    if (hasTime) return new ApiError("time appears twice; send it once", "time");
                    reader.Read();
                    var error = ReadTime(ref reader, out time);
                    if (error is not null) return error;
                    hasTime = true;
                }
                else
                {
                    var name = PathId.Shorten(RawText(ref reader));
                    return new ApiError($"unknown field '{name}'; the body takes only track and time: {Shape}", name);
                }
            }
            // The loop ends on the object's end; anything after it (a second value) makes Read throw.
            if (reader.Read()) return new ApiError($"unexpected content after the JSON object; {Shape}", "body");
            if (!hasTrack) return new ApiError($"track is missing; {Shape}", "track");
            if (!hasTime) return new ApiError($"time is missing; {Shape}", "time");
            play = new PlayBody(track, time);
            return null;
        }
        catch (JsonException e)
        {
            return new ApiError($"the body is not valid JSON ({FirstSentence(e.Message)} at byte {reader.BytesConsumed}); {Shape}", "body");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // e.g. invalid UTF-8 inside a string: still the client's body, never a 500.
            return new ApiError($"the body is not valid UTF-8 JSON ({FirstSentence(e.Message)} at byte {reader.BytesConsumed}); {Shape}", "body");
        }
    }

    private static ApiError? ReadTrack(ref Utf8JsonReader reader, out int track)
    {
        track = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return new ApiError($"track must be a JSON integer (a track id 0..2147483647, not quoted), got {Describe(reader.TokenType)}", "track");
        }
        if (reader.TryGetInt32(out track))
        {
            if (track >= 0) return null;
            return new ApiError($"track must be 0..2147483647, got {track}", "track");
        }
        if (reader.TryGetInt64(out _)) return new ApiError($"track must be 0..2147483647 (32 bits), got {RawText(ref reader)}", "track");
        return new ApiError($"track must be a whole number 0..2147483647 written without fraction or exponent, got {RawText(ref reader)}", "track");
    }

    private static ApiError? ReadTime(ref Utf8JsonReader reader, out double time)
    {
        time = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return new ApiError($"time must be a JSON number 0..1 (the share of the track listened to, not quoted), got {Describe(reader.TokenType)}", "time");
        }
        if (!reader.TryGetDouble(out time) || !double.IsFinite(time))
        {
            return new ApiError($"time must be a finite number 0..1, got {RawText(ref reader)}", "time");
        }
        if (time is < 0 or > 1) return new ApiError($"time must be between 0 and 1 (the share of the track listened to), got {RawText(ref reader)}", "time");
        time += 0.0; // -0 becomes 0
        return null;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        _ => token.ToString(),
    };

    private static string RawText(ref Utf8JsonReader reader)
    {
        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
        return PathId.Shorten(Encoding.UTF8.GetString(raw));
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.', ' ');
    }
}
