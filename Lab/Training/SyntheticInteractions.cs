namespace Botify.Lab.Training;

/// <summary>
/// Planted user–track interactions for benchmarks and tests: users and tracks fall into taste groups
/// (user u and track t in group u mod groups, t mod groups); a user's picks come from their own group
/// with probability <c>own</c>, popularity-skewed inside the group, else uniform.
/// </summary>
public static class SyntheticInteractions
{
    public static List<(int User, int Track)> Generate(int users, int tracks, int interactions, int groups, double own, int seed)
    {
        var rng = new SplitMix64(SplitMix64.Mix((ulong)seed, 0x5E));
        var seen = new HashSet<long>(interactions);
        var pairs = new List<(int, int)>(interactions);
        var perGroup = Math.Max(1, tracks / groups);
        var attempts = 0L;
        while (pairs.Count < interactions && attempts++ < 20L * interactions)
        {
            var user = rng.Next(users);
            int track;
            if (rng.NextDouble() < own)
            {
                var r = rng.NextDouble();
                var rank = (int)(perGroup * r * r); // popularity skew inside the group
                track = user % groups + groups * rank;
                if (track >= tracks)
                {
                    continue;
                }
            }
            else
            {
                track = rng.Next(tracks);
            }

            if (seen.Add(((long)user << 32) | (uint)track))
            {
                pairs.Add((user, track));
            }
        }

        return pairs;
    }
}
