using System.Globalization;

namespace Botify.SessionBench;

/// <summary>"--name value" and "--flag" pairs.</summary>
public static class Args
{
    public static Dictionary<string, string?> Parse(string[] args)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--",
                StringComparison.Ordinal)) throw new ArgumentException($"unexpected argument '{args[i]}'; options start with --, see --help");
            var name = args[i][2..];
            map[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
        }
        return map;
    }

    public static long[] Longs(Dictionary<string, string?> map, string name, string fallback)
    {
        var text = map.GetValueOrDefault(name) ?? fallback;
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!long.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]))
                throw new ArgumentException($"--{name} '{text}': expected integers separated by commas");
        }
        return values;
    }

    public static double Doubles(Dictionary<string, string?> map, string name, double fallback)
    {
        if (map.GetValueOrDefault(name) is not { } text) return fallback;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"--{name} '{text}': expected a number");
    }
}
