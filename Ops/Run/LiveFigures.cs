using System.Globalization;
using System.Text.Json;
using Botify.Lab.Analysis;

namespace Botify.Ops.Run;

/// <summary>
/// The service's live A/B figures of one experiment (`GET /experiments/{name}`): per treatment the row of
/// <see cref="Verdict.Metric"/> with its Welch and always-valid intervals, and the closed sessions it holds.
/// </summary>
public sealed record LiveFigures(long Sessions, IReadOnlyList<LiveFigures.Row> Rows)
{
    /// <summary>One row: effect and bounds in % of the control mean (NaN where the service sent null).</summary>
    public sealed record Row(
        string Treatment, double Effect, double Lower, double Upper, bool Significant, double SeqLower, double SeqUpper, bool SeqSignificant);

    public static LiveFigures Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        long sessions = 0;
        foreach (var arm in root.GetProperty("arms").EnumerateArray()) sessions += arm.GetProperty("sessions").GetInt64();
        var rows = new List<Row>();
        foreach (var r in root.GetProperty("rows").EnumerateArray())
        {
            if (r.GetProperty("metric").GetString() != Verdict.Metric) continue;
            rows.Add(new Row(r.GetProperty("treatment").GetString() ?? "", Number(r, "effect"), Number(r, "lower"), Number(r, "upper"),
                r.GetProperty("significant").GetBoolean(), Number(r, "seq_lower"), Number(r, "seq_upper"), r.GetProperty("seq_significant").GetBoolean()));
        }
        return new LiveFigures(sessions, rows);
    }

    /// <summary>
    /// "  closed sessions: live 1,000, Lab ab 1,000", then per treatment (the small world of tests/MainJob.Tests)
    /// "  T2 SessionNeighbours: live +78.7 % [+53.3, +104.1] significant, always-valid [+22.9, +134.4] significant; Lab ab +78.7 % [+53.3, +104.1]".
    /// </summary>
    public IEnumerable<string> Lines(AbReport report, ExperimentPlan plan)
    {
        yield return string.Create(CultureInfo.InvariantCulture, $"  closed sessions: live {Sessions:N0}, Lab ab {report.ClosedSessions:N0}");
        foreach (var row in Rows)
        {
            var lab = report.Rows.FirstOrDefault(r => r.Treatment == row.Treatment && r.Metric == Verdict.Metric);
            var labText = lab is null ? "no Lab ab row" : $"Lab ab {Signed(lab.Effect)} % [{Signed(lab.Lower)}, {Signed(lab.Upper)}]";
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  {row.Treatment} {plan.RecommenderOf(row.Treatment)}: live {Signed(row.Effect)} % [{Signed(row.Lower)}, {Signed(row.Upper)}] "
                + $"{Significance(row.Significant)}, always-valid [{Signed(row.SeqLower)}, {Signed(row.SeqUpper)}] "
                + $"{Significance(row.SeqSignificant)}; {labText}");
        }
    }

    private static double Number(JsonElement row, string name) =>
        row.GetProperty(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : double.NaN;

    private static string Significance(bool significant) => significant ? "significant" : "not significant";

    private static string Signed(double value) =>
        double.IsNaN(value) ? "n/a" : value.ToString("+0.0;-0.0;+0.0", CultureInfo.InvariantCulture);
}
