namespace Botify.Lab.Training;

/// <summary>TopPop: tracks by total listened time, most first (ties: lower id first).</summary>
public static class TopPopular
{
    public static int[] Rank(IReadOnlyDictionary<int, double> trackTime)
    {
        var tracks = new int[trackTime.Count];
        var times = new double[trackTime.Count];
        var k = 0;
        foreach (var (track, time) in trackTime)
        {
            tracks[k] = track;
            times[k++] = time;
        }

        var order = new int[tracks.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var c = times[b].CompareTo(times[a]);
            return c != 0 ? c : tracks[a].CompareTo(tracks[b]);
        });
        var ranked = new List<int>(order.Length);
        foreach (var i in order)
        {
            if (times[i] > 0)
            {
                ranked.Add(tracks[i]);
            }
        }

        return ranked.ToArray();
    }
}
