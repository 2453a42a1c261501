namespace Botify.Grains;

/// <summary>Which shard of an experiment's aggregate a user reports to, and the shard grains' keys.</summary>
public static class ExperimentShards
{
    /// <summary>The key of shard <paramref name="shard"/> of <paramref name="experiment"/>: "shard/experiment".</summary>
    public static string Key(string experiment, int shard) => $"{shard}/{experiment}";

    /// <summary>The user's shard among <paramref name="shards"/>: a 64-bit mix of the id (SplitMix64's finaliser), so shards fill evenly.</summary>
    public static int Of(long user, int shards)
    {
        var z = unchecked((ulong)user + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z % (ulong)shards);
    }
}
