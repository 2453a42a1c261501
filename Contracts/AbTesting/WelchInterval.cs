using MathNet.Numerics.Distributions;

namespace Botify.Contracts.AbTesting;

/// <summary>
/// Welch's interval for mean_T − mean_C: t quantile at Welch–Satterthwaite degrees of freedom
/// times sqrt(var_C/n_C + var_T/n_T), sample variances (n − 1).
/// </summary>
public readonly record struct WelchInterval(double Difference, double StandardError, double DegreesOfFreedom, double Quantile)
{
    public double HalfWidth => StandardError == 0 ? 0 : Quantile * StandardError;
    public double Lower => Difference - HalfWidth;
    public double Upper => Difference + HalfWidth;

    /// <summary>True when the interval excludes 0 (a NaN interval, from fewer than 2 users in an arm, never is).</summary>
    public bool ExcludesZero => Lower > 0 || Upper < 0;

    public static WelchInterval Of(
        double meanC, double varianceC, int countC,
        double meanT, double varianceT, int countT,
        double confidence = 0.95)
    {
        var difference = meanT - meanC;
        if (countC < 2 || countT < 2)
        {
            return new WelchInterval(difference, double.NaN, double.NaN, double.NaN);
        }

        var a = varianceC / countC;
        var b = varianceT / countT;
        var standardError = Math.Sqrt(a + b);
        var df = (a + b) * (a + b) / (a * a / (countC - 1) + b * b / (countT - 1));
        if (standardError == 0)
        {
            return new WelchInterval(difference, 0, double.PositiveInfinity, 0); // both arms constant: the difference is exact
        }

        var quantile = StudentT.InvCDF(0, 1, df, 1 - (1 - confidence) / 2);
        return new WelchInterval(difference, standardError, df, quantile);
    }

    /// <summary>The interval of two arms' moments.</summary>
    public static WelchInterval Of(SampleMoments control, SampleMoments treatment, double confidence = 0.95) =>
        Of(control.Mean, control.Variance, control.Count, treatment.Mean, treatment.Variance, treatment.Count, confidence);

    /// <summary>Mean and sample variance (n − 1) of a sample (<see cref="SampleMoments.Of"/>).</summary>
    public static (double Mean, double Variance) MeanAndVariance(ReadOnlySpan<double> values)
    {
        var moments = SampleMoments.Of(values);
        return (moments.Mean, moments.Variance);
    }
}
