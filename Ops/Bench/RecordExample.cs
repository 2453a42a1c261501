using System.Globalization;
using System.Text;
using Botify.Contracts.Listening;

namespace Botify.Ops.Bench;

/// <summary>
/// A stored user record shown in a report: JSON (format 1) as it is, the compact format as hex (64 digits a line) followed by what
/// <see cref="UserRecord.Read"/> makes of it, so the layout in README "Redis layout" can be followed byte by byte.
/// </summary>
public static class RecordExample
{
    private const int HexPerLine = 64;

    public static string Describe(byte[]? record)
    {
        if (record is null || record.Length == 0) return "(no record)";
        if (record[0] == (byte)'{') return Encoding.UTF8.GetString(record);
        var text = new StringBuilder();
        var hex = Convert.ToHexString(record).ToLowerInvariant();
        for (var at = 0; at < hex.Length; at += HexPerLine) text.AppendLine(hex[at..Math.Min(hex.Length, at + HexPerLine)]);
        text.Append(CultureInfo.InvariantCulture, $"({record.Length} bytes, format {record[0]}: ");
        try
        {
            var state = UserRecord.Read(record);
            var history = state.History.AsSpan();
            text.Append(CultureInfo.InvariantCulture, $"failCount {state.FailCount}, method \"{state.Method}\", {history.Length} history tracks");
            if (history.Length > 0) text.Append(CultureInfo.InvariantCulture, $" {history[0]}, … {history[^1]}");
            text.Append(CultureInfo.InvariantCulture, $", {state.Applied.AsSpan().Length} request keys, {state.Session.AsSpan().Length} session plays, ");
            text.Append(CultureInfo.InvariantCulture, $"{state.Experiments.Count} experiment tallies");
            foreach (var t in state.Experiments) text.Append(CultureInfo.InvariantCulture, $" ({t.Experiment} {t.Arm}: {t.Tally.OpenTracks} open tracks)");
            text.Append(')');
        }
        catch (FormatException e)
        {
            text.Append(CultureInfo.InvariantCulture, $"unreadable: {e.Message})");
        }
        return text.ToString();
    }
}
