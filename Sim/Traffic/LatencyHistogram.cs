using System.Numerics;

namespace Botify.Sim.Traffic;

/// <summary>
/// Log-linear histogram of latencies in microseconds (≈3 % resolution, fixed memory): one per
/// worker, merged at the end, so recording takes no lock and allocates nothing.
/// </summary>
public sealed class LatencyHistogram
{
    private const int Linear = 64;
    private const int SubBuckets = 32;
    private readonly long[] counts = new long[Linear + 64 * SubBuckets];

    public long Count { get; private set; }

    public void Record(long microseconds)
    {
        if (microseconds < 0) microseconds = 0;
        counts[BucketOf(microseconds)]++;
        Count++;
    }

    public void Merge(LatencyHistogram other)
    {
        for (var i = 0; i < counts.Length; i++) counts[i] += other.counts[i];
        Count += other.Count;
    }

    /// <summary>The latency (ms) below which a share q of the recorded values lie; 0 when empty.</summary>
    public double PercentileMilliseconds(double q)
    {
        if (Count == 0) return 0;
        var rank = (long)Math.Ceiling(q * Count);
        if (rank < 1) rank = 1;
        long seen = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            seen += counts[i];
            if (seen >= rank) return MidpointOf(i) / 1000.0;
        }
        return MidpointOf(counts.Length - 1) / 1000.0;
    }

    private static int BucketOf(long value)
    {
        if (value < Linear) return (int)value;
        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var mantissa = (int)(value >> (exponent - 5)) & (SubBuckets - 1);
        return Linear + (exponent - 6) * SubBuckets + mantissa;
    }

    private static double MidpointOf(int bucket)
    {
        if (bucket < Linear) return bucket;
        var exponent = (bucket - Linear) / SubBuckets + 6;
        var mantissa = (bucket - Linear) % SubBuckets;
        var low = (double)(SubBuckets + mantissa) * Math.Pow(2, exponent - 5);
        var width = Math.Pow(2, exponent - 5);
        return low + width / 2;
    }
}
