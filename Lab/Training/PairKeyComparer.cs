namespace Botify.Lab.Training;

/// <summary>
/// Equality for pair keys (a &lt;&lt; 32 | b). long's own hash is a ^ b, which for small ids (artists, tracks,
/// users below 65,536) folds millions of pairs onto a few thousand buckets; this one mixes the bits first.
/// Dictionaries still enumerate in insertion order, so results do not change — only the time.
/// </summary>
internal sealed class PairKeyComparer : IEqualityComparer<long>
{
    public static readonly PairKeyComparer Instance = new();

    public bool Equals(long x, long y) => x == y;

    public int GetHashCode(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> 32);
}
