using Botify.Contracts.AbTesting;
using Xunit.Abstractions;

namespace Botify.Contracts.Tests.AbTesting;

public sealed class AlwaysValidIntervalTests(ITestOutputHelper output)
{
    [Fact]
    public void Is_never_narrower_than_the_welch_interval_of_the_same_data()
    {
        // Sizes from 2 users per arm (Student-t quantile 12.7 at df 1) to a million, variances over six orders of magnitude.
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var nC = 2 + (int)Math.Pow(10, random.NextDouble() * 6);
            var nT = 2 + (int)Math.Pow(10, random.NextDouble() * 6);
            var c = new SampleMoments(nC, 10 * random.NextDouble(), Math.Pow(10, -3 + 6 * random.NextDouble()));
            var t = new SampleMoments(nT, 10 * random.NextDouble(), Math.Pow(10, -3 + 6 * random.NextDouble()));
            var confidence = i % 2 == 0 ? 0.95 : 0.99;
            var planned = 1 + random.Next(100_000);

            var row = AbComparison.Compare("T1", AbMetrics.Time, c, t, confidence, planned);

            Assert.True(row.SeqLower <= row.Lower && row.SeqUpper >= row.Upper,
                $"n {nC}/{nT}, planned {planned}: always-valid [{row.SeqLower}, {row.SeqUpper}] inside Welch [{row.Lower}, {row.Upper}]");
            if (row.SeqSignificant) Assert.True(row.Significant, "significant always-valid interval with a Welch interval that holds 0");
        }
    }

    [Fact]
    public void Is_narrowest_relative_to_welch_near_the_planned_users_and_wider_far_from_them()
    {
        var welch = WelchInterval.Of(new SampleMoments(100_000, 0, 1), new SampleMoments(100_000, 0, 1));
        double Ratio(int users) => AlwaysValidInterval.Of(welch, users).HalfWidth / welch.HalfWidth;

        // At the planned users the mixture boundary is about 1.55 × the normal quantile (3.03 / 1.96 at α = 0.05).
        Assert.InRange(Ratio(AlwaysValidInterval.DefaultPlannedUsers), 1.50, 1.60);
        Assert.True(Ratio(50) > Ratio(AlwaysValidInterval.DefaultPlannedUsers));
        Assert.True(Ratio(500_000) > Ratio(AlwaysValidInterval.DefaultPlannedUsers));
    }

    [Fact]
    public void Keeps_its_coverage_under_repeated_peeking_on_aa_data_where_the_peeked_welch_interval_does_not()
    {
        // A/A: both arms draw per-user values from the same skewed distribution (exponential, like time per user);
        // the true difference is 0. Each simulated experiment adds users one at a time to a random arm and looks
        // after every 50 users, up to 4,000 users: 80 looks. A look "errs" when its interval excludes 0.
        const int Experiments = 500;
        const int Users = 4_000;
        var random = new Random(20261128);
        int welchErred = 0, alwaysErred = 0;
        for (var x = 0; x < Experiments; x++)
        {
            var control = new ArmSumsBuilder();
            var treated = new ArmSumsBuilder();
            bool welchWrong = false, alwaysWrong = false;
            for (var u = 1; u <= Users; u++)
            {
                var value = -Math.Log(1 - random.NextDouble()) * 3;
                (random.Next(2) == 0 ? control : treated).Add(value);
                if (u % 50 != 0) continue;
                var row = AbComparison.Compare("T1", AbMetrics.Time, control.Moments, treated.Moments);
                welchWrong |= row.Significant;
                alwaysWrong |= row.SeqSignificant;
            }
            if (welchWrong) welchErred++;
            if (alwaysWrong) alwaysErred++;
        }

        var welchCoverage = 1 - (double)welchErred / Experiments;
        var alwaysCoverage = 1 - (double)alwaysErred / Experiments;
        output.WriteLine($"{Experiments} A/A experiments, 80 looks each: always-valid coverage {alwaysCoverage:P1}, peeked Welch {welchCoverage:P1}");
        Assert.True(alwaysCoverage >= 0.95, $"always-valid coverage under peeking {alwaysCoverage:P1} (Welch {welchCoverage:P1})");
        Assert.True(welchCoverage < 0.85, $"peeked Welch coverage {welchCoverage:P1} (always-valid {alwaysCoverage:P1})");
    }

    /// <summary>One arm's count, sum and sum of squares, as the live aggregate keeps them.</summary>
    private sealed class ArmSumsBuilder
    {
        private int count;
        private double sum, squares;

        public SampleMoments Moments => SampleMoments.FromSums(count, sum, squares);

        public void Add(double value)
        {
            count++;
            sum += value;
            squares += value * value;
        }
    }
}
