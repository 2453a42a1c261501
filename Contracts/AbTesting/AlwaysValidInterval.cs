namespace Botify.Contracts.AbTesting;

/// <summary>
/// An always-valid (anytime-valid) interval for mean_T − mean_C: it covers the true difference at every look with
/// probability ≥ the confidence level, however often and whenever one looks, so watching a running experiment and
/// stopping when it "looks significant" does not inflate false positives the way repeated fixed-sample intervals do.
/// <para>
/// Method: the normal-mixture confidence sequence (Robbins' mixture martingale; Howard, Ramdas, McAuliffe &amp; Sekhon
/// 2021, "Time-uniform, nonparametric, nonasymptotic confidence sequences", Ann. Statist. 49(2), the normal-mixture
/// boundary), applied to the difference of means with its estimated variance V = var_C/n_C + var_T/n_T as in the
/// asymptotic confidence sequences of Waudby-Smith, Arbour, Sinha, Kennedy &amp; Ramdas (2021, arXiv:2103.06476) and the
/// mixture SPRT of Johari, Pekelis &amp; Walsh ("Always valid inference", Oper. Res. 2022) that Optimizely uses:
/// half-width = sqrt( V · (1 + 1/r) · ln((1 + r) / α²) ), r = τ²/V, where τ² = ρ²·n·V is the mixing variance (n users
/// in the two arms, so n·V is the per-user variance and τ stays fixed as users arrive). The one tuning parameter,
/// <paramref name="PlannedUsers"/> (users in the two arms, default <see cref="DefaultPlannedUsers"/>), is where the
/// interval is narrowest: ρ² = (−2 ln α + ln(1 − 2 ln α)) / PlannedUsers (Waudby-Smith et al.'s choice of ρ
/// that minimises the width at that n).
/// </para>
/// The result is never narrower than the fixed-sample <see cref="WelchInterval"/> of the same data: with few users
/// the Student-t quantile can exceed the mixture boundary, and then the Welch interval is taken.
/// </summary>
public readonly record struct AlwaysValidInterval(double Difference, double HalfWidth)
{
    /// <summary>Default of the tuning parameter: the interval is narrowest at 5,000 users in the two arms compared.</summary>
    public const int DefaultPlannedUsers = 5000;

    public double Lower => Difference - HalfWidth;
    public double Upper => Difference + HalfWidth;

    /// <summary>True when the interval excludes 0 (a NaN interval never does).</summary>
    public bool ExcludesZero => Lower > 0 || Upper < 0;

    /// <summary>The interval around <paramref name="welch"/>'s difference, at the same data and confidence.</summary>
    public static AlwaysValidInterval Of(WelchInterval welch, int users, double confidence = 0.95, int plannedUsers = DefaultPlannedUsers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(plannedUsers, 1);
        if (double.IsNaN(welch.StandardError) || users < 2) return new AlwaysValidInterval(welch.Difference, double.NaN);
        if (welch.StandardError == 0) return new AlwaysValidInterval(welch.Difference, 0);
        var alpha = 1 - confidence;
        var logAlpha = Math.Log(alpha);
        var rho2 = (-2 * logAlpha + Math.Log(1 - 2 * logAlpha)) / plannedUsers;
        var r = rho2 * users; // τ²/V with τ² = ρ²·n·V
        var v = welch.StandardError * welch.StandardError;
        var mixture = Math.Sqrt(v * (1 + 1 / r) * (Math.Log(1 + r) - 2 * logAlpha));
        return new AlwaysValidInterval(welch.Difference, Math.Max(mixture, welch.HalfWidth));
    }
}
