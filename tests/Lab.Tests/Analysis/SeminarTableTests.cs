using System.Globalization;
using Botify.Lab.Reports;

namespace Botify.Lab.Tests.Analysis;

/// <summary>Our report's conventions checked against the published seminar table (shared/reference/seminar_ab_table.csv).</summary>
public sealed class SeminarTableTests
{
    private static string[] Rows()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
            {
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "reference", "seminar_ab_table.csv"));
                Assert.True(File.Exists(path), $"reference file {path} is missing; it is expected in shared/reference/ next to the repository");
                return File.ReadAllLines(path).Where(l => !l.StartsWith('#')).ToArray();
            }
        }

        throw new InvalidOperationException("run the tests from inside the repository (no Orleans.sln above the test binaries)");
    }

    [Fact]
    public void Our_csv_header_is_the_published_one()
    {
        Assert.Equal(AbCsvWriter.Header, Rows()[0]);
    }

    [Fact]
    public void Published_rows_follow_the_conventions_our_analysis_computes()
    {
        foreach (var line in Rows().Skip(1))
        {
            var f = line.Split(',');
            double P(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            var (effect, upper, lower, control, treatment) = (P(2), P(3), P(4), P(5), P(6));

            Assert.Equal((treatment - control) / control * 100, effect, 3);   // effect in % of the control mean
            Assert.Equal(effect, (upper + lower) / 2, 3);                      // symmetric Welch interval around it
            Assert.Equal(lower > 0 || upper < 0, bool.Parse(f[7]));            // significant ⇔ the interval excludes 0
        }
    }
}
