using System.Buffers.Text;
using System.Text.Json;

namespace Botify.Sim.Traffic;

/// <summary>Encodes {"track":N,"time":T} and reads "track" from an answer, without allocating.</summary>
public static class RequestBody
{
    /// <summary>Writes the body into <paramref name="span"/>; time carries up to 4 decimals (the model rounds to 2).</summary>
    public static int Encode(Span<byte> span, int track, double time)
    {
        "{\"track\":"u8.CopyTo(span);
        var at = 9;
        Utf8Formatter.TryFormat(track, span[at..], out var written);
        at += written;
        ",\"time\":"u8.CopyTo(span[at..]);
        at += 8;
        Utf8Formatter.TryFormat((decimal)Math.Round(time, 4), span[at..], out written);
        at += written;
        span[at++] = (byte)'}';
        return at;
    }

    /// <summary>The top-level "track" of a JSON answer; false when absent or not JSON.</summary>
    public static bool TryReadTrack(ReadOnlySpan<byte> body, out int track)
    {
        track = -1;
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("track"u8))
                    return reader.Read() && reader.TryGetInt32(out track);
            }
        }
        catch (JsonException)
        {
            // A truncated or non-JSON body is a bad answer, reported as such.
        }
        return false;
    }
}
