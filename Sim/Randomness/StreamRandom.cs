namespace Botify.Sim.Randomness;

/// <summary>
/// A <see cref="Random"/> that draws from a <see cref="RandomStream"/>: the service's recommenders take a Random, while an episode's
/// draws must depend only on (seed, episode). <see cref="Use"/> switches streams without allocating.
/// </summary>
public sealed class StreamRandom(RandomStream stream) : Random(0)
{
    private RandomStream stream = stream;

    public void Use(RandomStream next) => stream = next;

    public override int Next() => stream.NextInt(int.MaxValue);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue <= 1 ? 0 : stream.NextInt(maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        var range = (long)maxValue - minValue;
        return range <= 1 ? minValue : range <= int.MaxValue ? minValue + stream.NextInt((int)range) : (int)(minValue + (long)(stream.NextDouble() * range));
    }

    public override long NextInt64() => (long)(stream.NextUInt64() >> 1);

    public override double NextDouble() => stream.NextDouble();

    public override float NextSingle() => (float)(stream.NextUInt64() >> 40) * (1f / (1 << 24));

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i++) buffer[i] = (byte)(stream.NextUInt64() >> 56);
    }

    protected override double Sample() => stream.NextDouble();
}
