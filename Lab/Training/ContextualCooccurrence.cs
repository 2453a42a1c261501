namespace Botify.Lab.Training;

/// <summary>
/// Contextual (i2i) from positive transitions: for each track a, the tracks b that followed it in the
/// same session of a user (up to <see cref="ContextualOptions.Window"/> events later) with a listened share
/// (<see cref="TrainingData.Shares"/>) above the positive threshold, from an a listened so too (<see cref="ContextualOptions.PositiveSources"/>);
/// co-occurrence w(a, b) = Σ Decay^(distance−1) over all such pairs, scored against popularity by
/// <see cref="ContextualOptions.Weighting"/>, best first.
/// </summary>
public static class ContextualCooccurrence
{
    public static Dictionary<int, (int[] Tracks, float[] Weights)> Build(TrainingData data, ContextualOptions options)
    {
        var weights = new Dictionary<long, double>(PairKeyComparer.Instance);
        var asSource = new Dictionary<int, double>();
        var asFollower = new Dictionary<int, double>();
        var events = data.OrderedEvents;
        var start = 0;
        while (start < events.Count)
        {
            // a session: from start through the next `last` of the same user (or the user's last event)
            var end = start;
            while (end + 1 < events.Count && events[end + 1].User == events[start].User && !events[end].IsLast)
            {
                end++;
            }

            for (var p = start; p < end; p++)
            {
                var a = events[p].Track;
                if (options.PositiveSources && data.Shares[p] <= data.PositiveThreshold)
                {
                    continue;
                }

                var weight = 1.0;
                for (var q = p + 1; q <= end && q - p <= options.Window; q++, weight *= options.Decay)
                {
                    var follower = events[q];
                    if (follower.Track == a || data.Shares[q] <= data.PositiveThreshold || data.IsHeldOut(follower.User, follower.Track))
                    {
                        continue;
                    }

                    var key = TrainingData.Key(a, follower.Track);
                    weights[key] = weights.GetValueOrDefault(key) + weight;
                    asSource[a] = asSource.GetValueOrDefault(a) + weight;
                    asFollower[follower.Track] = asFollower.GetValueOrDefault(follower.Track) + weight;
                }
            }

            start = end + 1;
        }

        var byTrack = new Dictionary<int, List<(int Track, double Weight)>>();
        var scale = new PopularityScale(options, asSource, asFollower);
        foreach (var (key, weight) in weights)
        {
            if (weight < options.MinWeight)
            {
                continue;
            }

            var a = (int)(key >> 32);
            if (!byTrack.TryGetValue(a, out var list))
            {
                byTrack[a] = list = new List<(int, double)>();
            }

            var b = (int)(key & 0xFFFFFFFF);
            list.Add((b, scale.Score(a, b, weight)));
        }

        var table = new Dictionary<int, (int[] Tracks, float[] Weights)>(byTrack.Count);
        foreach (var (a, list) in byTrack)
        {
            list.Sort((x, y) =>
            {
                var c = y.Weight.CompareTo(x.Weight);
                return c != 0 ? c : x.Track.CompareTo(y.Track);
            });
            var n = Math.Min(options.Size, list.Count);
            var tracks = new int[n];
            var w = new float[n];
            for (var k = 0; k < n; k++)
            {
                tracks[k] = list[k].Track;
                w[k] = (float)list[k].Weight;
            }

            table[a] = (tracks, w);
        }

        return table;
    }

    /// <summary>The score of a co-occurrence weight under <see cref="ContextualOptions.Weighting"/>.</summary>
    private sealed class PopularityScale(ContextualOptions options, Dictionary<int, double> asSource, Dictionary<int, double> asFollower)
    {
        private const double K1 = 1.2;
        private const double B = 0.75;
        private readonly double followers = Total(asFollower);
        private readonly double meanRow = asSource.Count == 0 ? 1 : Total(asSource) / asSource.Count;

        public double Score(int a, int b, double weight) => options.Weighting switch
        {
            ContextualWeighting.Cosine => weight / (Math.Sqrt(asSource[a] * asFollower[b]) + options.Shrink),
            ContextualWeighting.Lift => weight / (asFollower[b] + options.Shrink),
            ContextualWeighting.Bm25 => Math.Log(1 + followers / asFollower[b]) * weight * (K1 + 1)
                                        / (weight + K1 * (1 - B + B * asSource[a] / meanRow)),
            _ => weight,
        };

        private static double Total(Dictionary<int, double> values)
        {
            var total = 0.0;
            foreach (var value in values.Values)
            {
                total += value;
            }

            return total;
        }
    }

    /// <summary>
    /// Per-user top-k for offline evaluation: each training positive's list, weights normalised per
    /// list, summed; the user's training positives skipped. Dense item indices of <paramref name="data"/>.Train.
    /// </summary>
    public static int[] RecommendForUser(TrainingData data, IReadOnlyDictionary<int, (int[] Tracks, float[] Weights)> table,
        IReadOnlyDictionary<int, int> itemIndex, int user, int k)
    {
        var scores = new Dictionary<int, double>();
        var train = data.Train;
        var own = train.ItemsOf(user);
        foreach (var item in own)
        {
            if (!table.TryGetValue(train.TrackIds[item], out var row))
            {
                continue;
            }

            double total = 0;
            foreach (var w in row.Weights)
            {
                total += w;
            }

            for (var j = 0; j < row.Tracks.Length; j++)
            {
                if (itemIndex.TryGetValue(row.Tracks[j], out var b) && own.BinarySearch(b) < 0)
                {
                    scores[b] = scores.GetValueOrDefault(b) + row.Weights[j] / total;
                }
            }
        }

        var ranked = scores.ToList();
        ranked.Sort((x, y) =>
        {
            var c = y.Value.CompareTo(x.Value);
            return c != 0 ? c : x.Key.CompareTo(y.Key);
        });
        var n = Math.Min(k, ranked.Count);
        var result = new int[n];
        for (var j = 0; j < n; j++)
        {
            result[j] = ranked[j].Key;
        }

        return result;
    }
}
