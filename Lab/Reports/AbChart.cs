using Botify.Contracts.AbTesting;
using Botify.Lab.Analysis;
using ScottPlot;

namespace Botify.Lab.Reports;

/// <summary>
/// ab.png: one row per (metric, treatment), the effect as a dot with its interval as a bar, a line at 0;
/// filled dots for significant effects, one colour per treatment.
/// </summary>
public static class AbChart
{
    public static void Save(AbReport report, string path, int width = 1000)
    {
        var plot = new Plot();
        var treatments = report.Rows.Select(r => r.Treatment).Distinct().ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var ticks = new List<Tick>();

        var y = 0.0;
        var rowsByMetric = AbMetrics.All.Select(m => report.Rows.Where(r => r.Metric == m).ToList()).Where(rs => rs.Count > 0).ToList();
        var positions = new Dictionary<AbRow, double>();
        foreach (var rows in rowsByMetric)
        {
            foreach (var row in rows)
            {
                positions[row] = y;
                ticks.Add(new Tick(y, $"{row.Metric}  {row.Treatment}"));
                y -= 1;
            }

            y -= 0.6; // gap between metrics
        }

        for (var t = 0; t < treatments.Count; t++)
        {
            var colour = palette.GetColor(t);
            var rows = report.Rows.Where(r => r.Treatment == treatments[t] && !double.IsNaN(r.Effect)).ToList();
            var first = true;
            foreach (var row in rows)
            {
                var py = positions[row];
                if (!double.IsNaN(row.Lower))
                {
                    var bar = plot.Add.Line(row.Lower, py, row.Upper, py);
                    bar.Color = colour;
                    bar.LineWidth = 3;
                    var lowCap = plot.Add.Line(row.Lower, py - 0.2, row.Lower, py + 0.2);
                    lowCap.Color = colour;
                    lowCap.LineWidth = 2;
                    var highCap = plot.Add.Line(row.Upper, py - 0.2, row.Upper, py + 0.2);
                    highCap.Color = colour;
                    highCap.LineWidth = 2;
                }

                var marker = plot.Add.Marker(row.Effect, py, row.Significant ? MarkerShape.FilledCircle : MarkerShape.OpenCircle, 12);
                marker.Color = colour;
                if (first)
                {
                    marker.LegendText = treatments[t];
                    first = false;
                }

                var label = plot.Add.Text($"{AbTerminalTable.Signed(row.Effect)} %{(row.Significant ? " *" : "")}", row.Effect, py + 0.38);
                label.LabelFontSize = 11;
                label.LabelFontName = "DejaVu Sans";
                label.LabelFontColor = colour;
                label.LabelAlignment = Alignment.LowerCenter;
            }
        }

        var zero = plot.Add.VerticalLine(0);
        zero.Color = Colors.Gray;
        zero.LinePattern = LinePattern.Dashed;

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Margins(0.08, 0.12);
        plot.Font.Set("DejaVu Sans");
        plot.Title($"A/B {report.Experiment}: effect vs {report.Control} (% of control mean, {report.Confidence:P0} Welch interval; filled = significant)");
        plot.XLabel("effect, % of control mean");
        plot.ShowLegend(Edge.Right);
        var height = Math.Max(300, 120 + 34 * ticks.Count + 20 * rowsByMetric.Count);
        plot.SavePng(path, width, height);
    }
}
