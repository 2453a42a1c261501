namespace Botify.Contracts.AbTesting;

/// <summary>Size, mean and sample variance (n − 1) of one arm's per-user values of one metric.</summary>
public readonly record struct SampleMoments(int Count, double Mean, double Variance)
{
    /// <summary>Two passes over the values (what `Lab ab` does with every user at hand).</summary>
    public static SampleMoments Of(ReadOnlySpan<double> values)
    {
        if (values.Length == 0) return new SampleMoments(0, double.NaN, double.NaN);
        double sum = 0;
        foreach (var v in values) sum += v;
        var mean = sum / values.Length;
        double squares = 0;
        foreach (var v in values) squares += (v - mean) * (v - mean);
        return new SampleMoments(values.Length, mean, values.Length < 2 ? double.NaN : squares / (values.Length - 1));
    }

    /// <summary>From running sums (what the live aggregate keeps): variance = (Σx² − n·mean²) / (n − 1), never below 0.</summary>
    public static SampleMoments FromSums(int count, double sum, double sumOfSquares)
    {
        if (count == 0) return new SampleMoments(0, double.NaN, double.NaN);
        var mean = sum / count;
        if (count < 2) return new SampleMoments(count, mean, double.NaN);
        var variance = (sumOfSquares - count * mean * mean) / (count - 1);
        return new SampleMoments(count, mean, Math.Max(0, variance));
    }
}
