using System.Globalization;
using ScottPlot;

namespace Botify.Ops.Bench;

/// <summary>
/// The scale curve as a PNG: p99 latency (left axis) and requests/s as a share of the ceiling (right axis) against distinct users
/// (log scale), with the targets as dashed lines.
/// </summary>
public static class ScaleChart
{
    public static void Save(ScaleReport report, string path, int width = 900, int height = 520)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var rows = report.Rows;
        var xs = new double[rows.Count];
        var p99 = new double[rows.Count];
        var ratio = new double[rows.Count];
        var ticks = new Tick[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            xs[i] = Math.Log10(rows[i].Users);
            p99[i] = rows[i].Wrk.P99Microseconds / 1000.0;
            ratio[i] = report.Ratio(rows[i]);
            ticks[i] = new Tick(xs[i], Label(rows[i].Users));
        }

        var latency = plot.Add.Scatter(xs, p99);
        latency.LegendText = "p99 ms (left)";
        latency.LineWidth = 2;
        latency.MarkerSize = 9;
        var share = plot.Add.Scatter(xs, ratio);
        share.LegendText = "requests/s, % of the ceiling (right)";
        share.LineWidth = 2;
        share.MarkerSize = 9;
        share.Axes.YAxis = plot.Axes.Right;

        var p99Target = plot.Add.HorizontalLine(ScaleReport.P99TargetMs);
        p99Target.LinePattern = LinePattern.Dashed;
        p99Target.Color = latency.Color;
        p99Target.LegendText = $"p99 target {ScaleReport.P99TargetMs:0} ms";
        var ratioTarget = plot.Add.HorizontalLine(ScaleReport.RatioTargetPercent);
        ratioTarget.LinePattern = LinePattern.Dashed;
        ratioTarget.Color = share.Color;
        ratioTarget.Axes.YAxis = plot.Axes.Right;
        ratioTarget.LegendText = $"target {ScaleReport.RatioTargetPercent:0} % of the ceiling";

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        var top = 0.0;
        foreach (var value in p99) top = Math.Max(top, value);
        plot.Axes.SetLimitsY(0, Math.Max(top, ScaleReport.P99TargetMs) * 1.15, plot.Axes.Left);
        plot.Axes.SetLimitsY(0, 100, plot.Axes.Right);
        plot.Axes.SetLimitsX(xs.Length > 0 ? xs[0] - 0.3 : 3.7, xs.Length > 0 ? xs[^1] + 0.3 : 6.3);
        plot.Title($"POST /next against distinct users (commit {report.Commit}, {report.FinishedUtc:yyyy-MM-dd})");
        plot.XLabel("distinct users (each activated before the window; wrk picks uniformly among them)");
        plot.YLabel("p99 latency, ms");
        plot.Axes.Right.Label.Text = "requests/s, % of the bare-Kestrel ceiling";
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, width, height);
    }

    private static string Label(long users) =>
        users >= 1_000_000 && users % 1_000_000 == 0 ? $"{users / 1_000_000}M"
        : users >= 1000 && users % 1000 == 0 ? $"{users / 1000}k"
        : users.ToString(CultureInfo.InvariantCulture);
}
