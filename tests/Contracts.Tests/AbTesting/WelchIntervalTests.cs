using Botify.Contracts.AbTesting;

namespace Botify.Contracts.Tests.AbTesting;

public sealed class WelchIntervalTests
{
    [Fact]
    public void Equal_sizes_and_variances_give_df_2n_minus_2_and_the_t_table_quantile()
    {
        // C = 1..5, T = 3..7: means 3 and 5, sample variances 2.5 and 2.5, n = 5 each (by hand).
        // se = sqrt(2.5/5 + 2.5/5) = 1; df = 1² / (0.5²/4 + 0.5²/4) = 8.
        // t(0.975, df 8) = 2.306004 (printed t-table). Interval 2 ± 2.306004.
        var (meanC, varC) = WelchInterval.MeanAndVariance([1, 2, 3, 4, 5]);
        var (meanT, varT) = WelchInterval.MeanAndVariance([3, 4, 5, 6, 7]);
        Assert.Equal(3, meanC, 12);
        Assert.Equal(2.5, varC, 12);

        var interval = WelchInterval.Of(meanC, varC, 5, meanT, varT, 5);

        Assert.Equal(8, interval.DegreesOfFreedom, 9);
        Assert.Equal(1, interval.StandardError, 12);
        Assert.Equal(2.306004, interval.Quantile, 5);
        Assert.Equal(-0.306004, interval.Lower, 5);
        Assert.Equal(4.306004, interval.Upper, 5);
        Assert.False(interval.ExcludesZero);
    }

    [Fact]
    public void Unequal_variances_use_welch_satterthwaite_degrees_of_freedom()
    {
        // C = 1..5 (mean 3, var 2.5, n 5); T = 2,4,..,12 (mean 7, var 14, n 6), by hand:
        // a = 2.5/5 = 0.5, b = 14/6; se = sqrt(a + b) = 1.68325082; df = (a+b)² / (a²/4 + b²/5) = 6.97225573.
        // t-table: t(0.975, 7) = 2.364624, t(0.975, 6) = 2.446912, so the quantile lies between them, near df 7.
        var interval = WelchInterval.Of(3, 2.5, 5, 7, 14, 6);

        Assert.Equal(6.97225573, interval.DegreesOfFreedom, 6);
        Assert.Equal(1.68325082, interval.StandardError, 7);
        Assert.InRange(interval.Quantile, 2.364624, 2.370);
        Assert.Equal(4, interval.Difference, 12);
        Assert.True(interval.ExcludesZero); // 4 − 2.37·1.68 ≈ 0.01 > 0
        Assert.Equal(4 - interval.Quantile * 1.68325082, interval.Lower, 6);
    }

    [Fact]
    public void Large_samples_approach_the_normal_quantile()
    {
        // df → ∞: t(0.975) → z(0.975) = 1.959964 (normal table); with n = 1e6 per arm df ≈ 2e6.
        var interval = WelchInterval.Of(10, 4, 1_000_000, 10.1, 4, 1_000_000);
        Assert.Equal(1.959964, interval.Quantile, 4);
        Assert.Equal(Math.Sqrt(8e-6), interval.StandardError, 12);
    }

    [Fact]
    public void Fewer_than_two_users_in_an_arm_is_never_significant()
    {
        var interval = WelchInterval.Of(1, double.NaN, 1, 5, 1, 10);
        Assert.True(double.IsNaN(interval.Lower));
        Assert.False(interval.ExcludesZero);
    }
}
