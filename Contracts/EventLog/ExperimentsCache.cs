using System.Text.Json;
using Botify.Contracts.Experiments;

namespace Botify.Contracts.EventLog;

/// <summary>
/// Experiments objects repeat verbatim across events of a run; comparing raw bytes against a few
/// known ones avoids an array and strings per event. A name given twice keeps its last arm, in the place it first stood.
/// </summary>
internal sealed class ExperimentsCache
{
    private const int Capacity = 64;
    private readonly List<(byte[] Raw, ExperimentArm[] Value)> entries = new();
    private readonly Dictionary<string, ExperimentArm[]> byKey = new();

    public ExperimentArm[]? Get(ReadOnlySpan<byte> raw)
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
            shared = new ExperimentArm[parsed.Count];
            var i = 0;
            foreach (var (name, arm) in parsed) shared[i++] = new ExperimentArm(name, arm);
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
