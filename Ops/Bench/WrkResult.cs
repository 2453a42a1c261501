using System.Globalization;

namespace Botify.Ops.Bench;

/// <summary>
/// What one wrk window measured, read from the "BENCH key=value ..." line bench/next.lua prints in its done() hook
/// (wrk's own text is for people; the line is for this parser).
/// </summary>
public sealed record WrkResult(long Requests, long DurationMicroseconds, long P50Microseconds, long P99Microseconds, long StatusErrors, long SocketErrors)
{
    public const string LinePrefix = "BENCH ";

    private static readonly string[] Keys = ["requests", "duration_us", "p50_us", "p99_us", "status_errors", "socket_errors"];

    public double RequestsPerSecond => DurationMicroseconds > 0 ? Requests / (DurationMicroseconds / 1e6) : 0;

    public long Errors => StatusErrors + SocketErrors;

    /// <summary>Parses wrk's whole output; a <see cref="FormatException"/> naming what is missing when the BENCH line is absent or incomplete.</summary>
    public static WrkResult Parse(string output)
    {
        string? line = null;
        foreach (var candidate in output.Split('\n'))
        {
            if (candidate.StartsWith(LinePrefix, StringComparison.Ordinal)) line = candidate.Trim();
        }
        if (line is null)
            throw new FormatException($"wrk printed no \"{LinePrefix.Trim()}\" line (is it running bench/next.lua?); its output: {Shorten(output)}");

        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pair in line[LinePrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0 || !long.TryParse(pair.AsSpan(equals + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                throw new FormatException($"wrk's result line has a malformed field '{pair}' (expected key=integer): {line}");
            values[pair[..equals]] = value;
        }
        foreach (var key in Keys)
        {
            if (!values.ContainsKey(key)) throw new FormatException($"wrk's result line lacks '{key}': {line}");
        }
        return new WrkResult(values["requests"], values["duration_us"], values["p50_us"], values["p99_us"], values["status_errors"], values["socket_errors"]);
    }

    private static string Shorten(string text) => text.Length <= 600 ? text.Trim() : "..." + text[^600..].Trim();
}
