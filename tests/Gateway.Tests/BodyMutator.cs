using System.Globalization;
using System.Text;

namespace Botify.Gateway.Tests;

/// <summary>Random mutations of valid `/next` bodies: byte edits, truncation, odd tokens, extreme numbers, wrong types.</summary>
internal sealed class BodyMutator(int seed)
{
    private static readonly string[] Tokens =
    [
        "null", "true", "false", "\"7\"", "\"0.5\"", "[]", "{}", "[1]", "{\"a\":1}", "NaN", "Infinity", "-Infinity",
        "1e400", "-1e400", "2147483648", "-1", "99999999999999999999", "0.5", "1", "0", "-0", "1.0000001", "7e0", "1E-400",
        "\"track\"", "\"time\"", ",", ":", "{", "}", "[", "]", "\"", "\\", "/*c*/", " ", "\n", "\"\\u0000\"", "\u00e9",
    ];

    private readonly Random random = new(seed);

    public int ValidTrack() => random.Next(0, TestCatalogFolder.TrackCount);

    public string Valid() => $"{{\"track\":{ValidTrack()},\"time\":{Math.Round(random.NextDouble(), 2).ToString(CultureInfo.InvariantCulture)}}}";

    public byte[] Next()
    {
        var body = new List<byte>(Encoding.UTF8.GetBytes(Valid()));
        var edits = random.Next(4); // a quarter stay valid, so accepted plays are exercised too
        for (var e = 0; e < edits; e++) Mutate(body);
        return body.ToArray();
    }

    private void Mutate(List<byte> body)
    {
        var at = body.Count == 0 ? 0 : random.Next(body.Count);
        switch (random.Next(9))
        {
            case 0 when body.Count > 0: body[at] = (byte)random.Next(256); break;
            case 1 when body.Count > 0: body.RemoveAt(at); break;
            case 2: body.Insert(at, (byte)random.Next(256)); break;
            case 3: body.RemoveRange(at, body.Count - at); break; // truncate
            case 4: body.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)])); break;
            case 5: ReplaceValue(body, "\"track\":"); break;
            case 6: ReplaceValue(body, "\"time\":"); break;
            case 7:
                body.InsertRange(body.Count > 0 ? body.Count - 1 : 0,
                Encoding.UTF8.GetBytes($",\"{(random.Next(2) == 0 ? "track" : "x")}\":{Tokens[random.Next(Tokens.Length)]}")); break;
            default:
                if (body.Count > 1)
                {
                    var length = random.Next(1, body.Count - at + 1);
                    body.InsertRange(at, body.GetRange(at, length)); // duplicate a slice
                }
                break;
        }
    }

    private void ReplaceValue(List<byte> body, string name)
    {
        var text = Encoding.UTF8.GetString(body.ToArray());
        var at = text.IndexOf(name, StringComparison.Ordinal);
        if (at < 0) return;
        var start = at + name.Length;
        var end = start;
        while (end < text.Length && text[end] is not (',' or '}')) end++;
        text = text[..start] + Tokens[random.Next(Tokens.Length)] + text[end..];
        body.Clear();
        body.AddRange(Encoding.UTF8.GetBytes(text));
    }
}
