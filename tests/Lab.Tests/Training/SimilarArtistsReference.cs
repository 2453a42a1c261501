using Botify.Contracts.Catalog;
using Botify.Contracts.EventLog;
using Botify.Lab.Training;

namespace Botify.Lab.Tests.Training;

/// <summary>
/// The similar-artists table as it was first written (dictionaries, one thread, a full sort per artist): the fast
/// <see cref="SimilarArtists.Build"/> must give exactly its lists.
/// </summary>
internal static class SimilarArtistsReference
{
    public static int[][] Build(IReadOnlyList<LogEvent> events, TrackCatalog catalog, SimilarArtistsOptions options)
    {
        var artists = catalog.ArtistCount;
        // Evidence that B suits sessions anchored on A: B's share minus what the session gave other artists' tracks.
        var sums = new Dictionary<long, (double Sum, int Count)>();
        var times = new List<(int Artist, double Time)>();
        foreach (var session in Sessions(events))
        {
            if (session.Count == 0 || !catalog.Contains(session[0].Track)) continue;
            var anchor = catalog.ArtistOf(session[0].Track);
            times.Clear();
            var total = 0.0;
            for (var i = 1; i < session.Count; i++)
            {
                var e = session[i];
                if (!catalog.Contains(e.Track)) continue;
                var artist = catalog.ArtistOf(e.Track);
                if (artist == anchor) continue;
                times.Add((artist, e.Time));
                total += e.Time;
            }
            for (var i = 0; i < times.Count; i++)
            {
                var (artist, time) = times[i];
                // Leave-one-out baseline: a listener who likes everything (or nothing) says little about B.
                var baseline = times.Count > 1 ? (total - time) / (times.Count - 1) : options.Baseline;
                Add(sums, anchor, artist, time - baseline);
                Add(sums, artist, anchor, time - baseline);
                if (options.PairWeight <= 0 || time <= baseline) continue;
                // Two tracks both listened above the session's norm are both near its taste.
                for (var k = i + 1; k < times.Count; k++)
                {
                    var (other, otherTime) = times[k];
                    var otherBaseline = (total - otherTime) / (times.Count - 1);
                    if (other == artist || otherTime <= otherBaseline) continue;
                    var evidence = options.PairWeight * Math.Min(time - baseline, otherTime - otherBaseline);
                    Add(sums, artist, other, evidence);
                    Add(sums, other, artist, evidence);
                }
            }
        }

        var rows = new List<(int Artist, double Score)>[artists];
        for (var a = 0; a < artists; a++) rows[a] = new();
        foreach (var (key, (sum, count)) in sums)
        {
            if (sum <= 1e-9) continue; // no evidence, or only rounding noise of a zero sum
            rows[(int)(key >> 32)].Add(((int)(key & 0xFFFFFFFF), sum / (count + options.Shrink)));
        }

        var result = new int[artists][];
        var scores = new Dictionary<int, double>();
        for (var a = 0; a < artists; a++)
        {
            scores.Clear();
            foreach (var (b, s) in rows[a]) scores[b] = scores.GetValueOrDefault(b) + s;
            if (options.TwoHopWeight > 0)
            {
                foreach (var (b, s) in rows[a])
                {
                    foreach (var (c, t) in rows[b])
                    {
                        if (c != a) scores[c] = scores.GetValueOrDefault(c) + options.TwoHopWeight * s * t;
                    }
                }
            }
            var ranked = new List<KeyValuePair<int, double>>(scores);
            ranked.Sort((x, y) => x.Value != y.Value ? y.Value.CompareTo(x.Value) : x.Key.CompareTo(y.Key));
            var n = Math.Min(options.Size, ranked.Count);
            var list = new int[n];
            for (var k = 0; k < n; k++) list[k] = ranked[k].Key;
            result[a] = list;
        }
        return result;
    }

    private static void Add(Dictionary<long, (double Sum, int Count)> sums, int a, int b, double evidence)
    {
        var key = Key(a, b);
        var (sum, count) = sums.GetValueOrDefault(key);
        sums[key] = (sum + evidence, count + 1);
    }

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;

    /// <summary>Sessions: each user's events by timestamp, cut after every `last`.</summary>
    private static IEnumerable<List<LogEvent>> Sessions(IReadOnlyList<LogEvent> events)
    {
        var ordered = new LogEvent[events.Count];
        for (var i = 0; i < ordered.Length; i++) ordered[i] = events[i];
        Array.Sort(ordered, (x, y) => x.User != y.User ? x.User.CompareTo(y.User) : x.Timestamp.CompareTo(y.Timestamp));
        var session = new List<LogEvent>();
        for (var i = 0; i < ordered.Length; i++)
        {
            if (session.Count > 0 && session[0].User != ordered[i].User)
            {
                yield return session;
                session = new List<LogEvent>();
            }
            session.Add(ordered[i]);
            if (ordered[i].IsLast)
            {
                yield return session;
                session = new List<LogEvent>();
            }
        }
        if (session.Count > 0) yield return session;
    }

}
