using System.Globalization;
using ScottPlot;

namespace Botify.SessionBench;

/// <summary>
/// The learning curves as a PNG: ratio of time per session to StickyArtist against day-1 episodes (log axis),
/// one line per configuration (mean over the seeds played), the oracle configurations as dashed reference lines.
/// </summary>
public static class LearningCurvePlot
{
    public static void Save(IReadOnlyList<BenchRow> rows, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category20();
        var sizes = rows.Select(r => r.Day1).Distinct().Order().ToArray();
        var seeds = rows.Select(r => r.Seed).Distinct().Order().ToArray();
        var colour = 0;
        foreach (var configuration in rows.Select(r => r.Configuration).Distinct())
        {
            var own = rows.Where(r => r.Configuration == configuration).ToList();
            if (BenchConfigs.IsOracle(configuration))
            {
                var line = plot.Add.HorizontalLine(own.Average(r => r.RatioToSticky));
                line.LinePattern = LinePattern.Dashed;
                line.Color = Colors.Gray;
                line.LegendText = $"{configuration} (reference)";
                continue;
            }
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (var size in sizes)
            {
                var at = own.Where(r => r.Day1 == size).ToList();
                if (at.Count == 0) continue;
                xs.Add(Math.Log10(size));
                ys.Add(at.Average(r => r.RatioToSticky));
            }
            var scatter = plot.Add.Scatter(xs.ToArray(), ys.ToArray());
            scatter.Color = palette.GetColor(colour++);
            scatter.LineWidth = 2;
            scatter.MarkerSize = 8;
            scatter.LegendText = configuration;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            sizes.Select(s => new Tick(Math.Log10(s), s.ToString("N0", CultureInfo.InvariantCulture))).ToArray());
        plot.Axes.Margins(0.08, 0.1);
        plot.Font.Set("DejaVu Sans");
        plot.Title($"SessionBench learning curves (seeds {string.Join(", ", seeds)}; mean over seeds)");
        plot.XLabel("day-1 episodes (log scale)");
        plot.YLabel("time per session ÷ StickyArtist");
        plot.ShowLegend(Edge.Right);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        plot.SavePng(path, 1100, 650);
    }
}
