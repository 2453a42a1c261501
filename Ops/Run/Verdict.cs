using System.Globalization;
using Botify.Contracts.AbTesting;
using Botify.Lab.Analysis;

namespace Botify.Ops.Run;

/// <summary>The main job's last words: one line per treatment on mean time per session, from the A/B report object.</summary>
public static class Verdict
{
    public const string Metric = "mean_time_per_session";

    /// <summary>"  T2 SessionNeighbours: mean_time_per_session +56.8 % [+51.4, +62.1] vs StickyArtist — significant (4.78 vs 3.05, 1.57×)".</summary>
    public static string Line(AbRow row, string treatmentName, string controlName) =>
        string.Create(CultureInfo.InvariantCulture,
            $"  {row.Treatment} {treatmentName}: {row.Metric} {Signed(row.Effect)} % [{Signed(row.Lower)}, {Signed(row.Upper)}] vs {controlName} — "
            + $"{(row.Significant ? "significant" : "not significant")} ({row.TreatmentMean:0.00} vs {row.ControlMean:0.00}, {Ratio(row):0.00}×)");

    /// <summary>The treatment's mean as a multiple of the control's (the issues' targets are written so: T2 ≥ 2.5× StickyArtist).</summary>
    public static double Ratio(AbRow row) => row.ControlMean == 0 ? double.NaN : row.TreatmentMean / row.ControlMean;

    /// <summary>The verdict lines of every treatment of <paramref name="report"/>, in arm order.</summary>
    public static IEnumerable<string> Lines(AbReport report, ExperimentPlan plan, string controlName)
    {
        foreach (var arm in report.Arms)
        {
            if (arm.Arm == report.Control) continue;
            yield return Line(report.Row(arm.Arm, Metric), plan.RecommenderOf(arm.Arm), controlName);
        }
    }

    private static string Signed(double value) => value.ToString("+0.0;-0.0;+0.0", CultureInfo.InvariantCulture);
}
