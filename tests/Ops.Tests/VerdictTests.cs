using Botify.Contracts.AbTesting;
using Botify.Lab.Analysis;
using Botify.Ops.Run;

namespace Botify.Ops.Tests;

public sealed class VerdictTests
{
    [Fact]
    public void A_verdict_line_reads_effect_interval_and_means_from_the_report_row()
    {
        var row = new AbRow("T2", "mean_time_per_session", 56.76, 62.11, 51.41, 3.0470, 4.7765, true, 4000, 2084, 2074,
            double.NaN, double.NaN, false);

        var line = Verdict.Line(row, "SessionNeighbours", "StickyArtist");

        Assert.Equal("  T2 SessionNeighbours: mean_time_per_session +56.8 % [+51.4, +62.1] vs StickyArtist — significant (4.78 vs 3.05, 1.57×)", line);
    }

    [Fact]
    public void A_negative_effect_that_crosses_zero_is_not_significant()
    {
        var row = new AbRow("T1", "mean_time_per_session", -1.04, 2.5, -4.58, 3.0, 2.97, false, 4000, 2000, 2000,
            double.NaN, double.NaN, false);

        Assert.Equal("  T1 Session: mean_time_per_session -1.0 % [-4.6, +2.5] vs StickyArtist — not significant (2.97 vs 3.00, 0.99×)",
            Verdict.Line(row, "Session", "StickyArtist"));
    }
}
