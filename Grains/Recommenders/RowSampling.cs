namespace Botify.Grains.Recommenders;

/// <summary>Allocation-free random choices from ranked rows.</summary>
public static class RowSampling
{
    /// <summary>A uniform track of a non-empty row.</summary>
    public static int Any(int[] row, Random random) => row[random.Next(row.Length)];

    /// <summary>
    /// A uniform pick among the first <paramref name="sampleSize"/> tracks of the row that are
    /// not in <paramref name="played"/>; false when every track of the row was played.
    /// </summary>
    public static bool TryPickUnplayed(int[] row, ReadOnlySpan<int> played, int sampleSize, Random random, out int track)
    {
        // Two passes instead of a candidate buffer: count the candidates, then walk to the chosen one.
        var candidates = 0;
        foreach (var t in row)
        {
            if (played.Contains(t)) continue;
            if (++candidates == sampleSize) break;
        }
        if (candidates == 0)
        {
            track = -1;
            return false;
        }
        var chosen = random.Next(candidates);
        foreach (var t in row)
        {
            if (played.Contains(t)) continue;
            if (chosen-- == 0)
            {
                track = t;
                return true;
            }
        }
        throw new InvalidOperationException("unreachable: the second pass sees the same candidates as the first");
    }
}
