using Botify.Contracts.Catalog;
using Botify.Contracts.EventLog;

namespace Botify.Lab.Training;

/// <summary>
/// Similar artists from sessions: two artists are similar when one session liked both (the
/// session's first track counts as liked, it is near the session's taste). Score = co-liked
/// sessions / (√(sessions liking A · sessions liking B) + shrink), plus a weighted two-hop term
/// so artists seen in few sessions still get a list. Written as a per-track table keyed by each
/// artist's lowest track id, listing the lowest track ids of similar artists, most similar first
/// (what Grains' SessionNeighbours recommender reads).
/// </summary>
public static class SimilarArtists
{
    public const string ModelName = "SimilarArtists";
    public const string TableName = "similar_artists";
    public const string FileName = "recommendations_similar_artists.json";

    /// <summary>Artist index → similar artist indices, most similar first (artists of <paramref name="catalog"/>).</summary>
    public static int[][] Build(IReadOnlyList<LogEvent> events, TrackCatalog catalog, SimilarArtistsOptions options)
    {
        var artists = catalog.ArtistCount;
        // Evidence that B suits sessions anchored on A: B's share minus what the session gave other artists' tracks.
        var sums = new Dictionary<long, (double Sum, int Count)>(PairKeyComparer.Instance);
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

        // Each artist's list is independent: dense per-thread buffers, the same order of additions as a sequential pass.
        var result = new int[artists][];
        Parallel.For(0, artists, () => new Scores(artists, options.Size), (a, _, buffer) =>
        {
            foreach (var (b, s) in rows[a]) buffer.Add(b, s);
            if (options.TwoHopWeight > 0)
            {
                foreach (var (b, s) in rows[a])
                {
                    foreach (var (c, t) in rows[b])
                    {
                        if (c != a) buffer.Add(c, options.TwoHopWeight * s * t);
                    }
                }
            }
            result[a] = buffer.TakeBest();
            return buffer;
        }, _ => { });
        return result;
    }

    /// <summary>One artist's scores over all artists (dense), then its best <c>size</c> by score, ties to the lower artist index.</summary>
    private sealed class Scores(int artists, int size)
    {
        private readonly double[] score = new double[artists];
        private readonly bool[] touched = new bool[artists];
        private readonly List<int> order = new();
        private readonly double[] bestScores = new double[size];
        private readonly int[] bestArtists = new int[size];

        public void Add(int artist, double value)
        {
            if (!touched[artist])
            {
                touched[artist] = true;
                order.Add(artist);
            }
            score[artist] += value;
        }

        public int[] TakeBest()
        {
            var count = 0;
            foreach (var artist in order)
            {
                var value = score[artist];
                score[artist] = 0;
                touched[artist] = false;
                if (count == size && !Before(value, artist, bestScores[size - 1], bestArtists[size - 1])) continue;
                var at = count < size ? count++ : size - 1;
                while (at > 0 && Before(value, artist, bestScores[at - 1], bestArtists[at - 1]))
                {
                    bestScores[at] = bestScores[at - 1];
                    bestArtists[at] = bestArtists[at - 1];
                    at--;
                }
                bestScores[at] = value;
                bestArtists[at] = artist;
            }
            order.Clear();
            return bestArtists[..count];
        }

        private static bool Before(double value, int artist, double otherValue, int otherArtist) =>
            value > otherValue || (value == otherValue && artist < otherArtist);
    }

    private static void Add(Dictionary<long, (double Sum, int Count)> sums, int a, int b, double evidence)
    {
        ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sums, Key(a, b), out _);
        entry = (entry.Sum + evidence, entry.Count + 1);
    }

    /// <summary>The per-track table form: key = an artist's lowest track id, list = similar artists' lowest track ids.</summary>
    public static Dictionary<int, (int[] Tracks, float[] Weights)> AsTrackTable(int[][] similar, TrackCatalog catalog)
    {
        var table = new Dictionary<int, (int[] Tracks, float[] Weights)>();
        for (var a = 0; a < similar.Length; a++)
        {
            if (similar[a].Length == 0) continue;
            var tracks = new int[similar[a].Length];
            var weights = new float[tracks.Length];
            for (var k = 0; k < tracks.Length; k++)
            {
                tracks[k] = catalog.TracksOfArtist(similar[a][k])[0];
                weights[k] = tracks.Length - k;
            }
            table[catalog.TracksOfArtist(a)[0]] = (tracks, weights);
        }
        return table;
    }

    /// <summary>Builds the table from the events and writes it to <paramref name="path"/>; returns how many artists have a list.</summary>
    public static int Write(string path, IReadOnlyList<LogEvent> events, TrackCatalog catalog, SimilarArtistsOptions options)
    {
        var table = AsTrackTable(Build(events, catalog, options), catalog);
        RecommendationFiles.WriteTrackTable(path, table);
        return table.Count;
    }

    /// <summary>Sessions: each user's events by timestamp, cut after every `last`.</summary>
    public static IEnumerable<List<LogEvent>> Sessions(IReadOnlyList<LogEvent> events)
    {
        var ordered = new LogEvent[events.Count];
        var sorted = true;
        for (var i = 0; i < ordered.Length; i++)
        {
            ordered[i] = events[i];
            sorted &= i == 0 || Compare(ordered[i - 1], ordered[i]) < 0;
        }
        // Already in (user, timestamp) order without ties (TrainingData's order): the sort would not move anything.
        if (!sorted) Array.Sort(ordered, Compare);
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

    /// <summary>
    /// Similar artists by learned track embeddings (LGCF/LFM): each artist's mean embedding over its
    /// trained tracks, ranked by cosine. Artists without a trained track get no list.
    /// </summary>
    public static int[][] FromEmbeddings(TrackEmbeddingsFile embeddings, TrackCatalog catalog, int size)
    {
        var d = embeddings.Dimensions;
        var artists = catalog.ArtistCount;
        var centroids = new float[artists * d];
        var counts = new int[artists];
        for (var i = 0; i < embeddings.TrackIds.Length; i++)
        {
            var track = embeddings.TrackIds[i];
            if (!catalog.Contains(track)) continue;
            var a = catalog.ArtistOf(track);
            var row = centroids.AsSpan(a * d, d);
            System.Numerics.Tensors.TensorPrimitives.Add(row, embeddings.Vector(i), row);
            counts[a]++;
        }
        for (var a = 0; a < artists; a++)
        {
            var row = centroids.AsSpan(a * d, d);
            var norm = System.Numerics.Tensors.TensorPrimitives.Norm(row);
            if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(row, norm, row);
        }
        var result = new int[artists][];
        System.Threading.Tasks.Parallel.For(0, artists, a =>
        {
            if (counts[a] == 0)
            {
                result[a] = [];
                return;
            }
            var me = centroids.AsSpan(a * d, d);
            var best = new List<(float Score, int Artist)>(size + 1);
            for (var b = 0; b < artists; b++)
            {
                if (b == a || counts[b] == 0) continue;
                var score = System.Numerics.Tensors.TensorPrimitives.Dot(me, centroids.AsSpan(b * d, d));
                if (best.Count == size && score <= best[^1].Score) continue;
                var at = best.Count;
                while (at > 0 && best[at - 1].Score < score) at--;
                best.Insert(at, (score, b));
                if (best.Count > size) best.RemoveAt(size);
            }
            var list = new int[best.Count];
            for (var k = 0; k < list.Length; k++) list[k] = best[k].Artist;
            result[a] = list;
        });
        return result;
    }

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;

    private static int Compare(LogEvent x, LogEvent y) => x.User != y.User ? x.User.CompareTo(y.User) : x.Timestamp.CompareTo(y.Timestamp);
}
