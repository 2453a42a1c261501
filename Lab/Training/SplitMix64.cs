namespace Botify.Lab.Training;

/// <summary>A small, fast, seedable PRNG; each training partition owns one so results do not depend on thread timing.</summary>
internal struct SplitMix64(ulong seed)
{
    private ulong state = seed;

    public static ulong Mix(ulong a, ulong b = 0, ulong c = 0, ulong d = 0)
    {
        var s = new SplitMix64(a);
        s.state ^= s.NextULong() + b;
        s.state ^= s.NextULong() + c;
        s.state ^= s.NextULong() + d;
        return s.NextULong();
    }

    public ulong NextULong()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, n) (Lemire's multiply-shift; the bias is negligible for n ≪ 2^32).</summary>
    public int Next(int n) => (int)(((NextULong() >> 32) * (ulong)n) >> 32);

    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box–Muller).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
