using Botify.Grains.Catalog;
using Botify.Lab.Logs;

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
    public const string TableName = "similar_artists";
    public const string FileName = "recommendations_similar_artists.json";

    /// <summary>Artist index → similar artist indices, most similar first (artists of <paramref name="catalog"/>).</summary>
    public static int[][] Build(IReadOnlyList<LogEvent> events, TrackCatalog catalog, SimilarArtistsOptions options)
    {
        var artists = catalog.ArtistCount;
        var liked = new int[artists];
        var pairs = new Dictionary<long, double>();
        var inSession = new List<int>();
        foreach (var session in Sessions(events))
        {
            inSession.Clear();
            for (var i = 0; i < session.Count; i++)
            {
                var e = session[i];
                if (!catalog.Contains(e.Track) || (i > 0 && e.Time < options.LikeThreshold)) continue;
                var artist = catalog.ArtistOf(e.Track);
                if (!inSession.Contains(artist)) inSession.Add(artist);
            }
            foreach (var a in inSession)
            {
                liked[a]++;
                foreach (var b in inSession)
                {
                    if (a != b) pairs[Key(a, b)] = pairs.GetValueOrDefault(Key(a, b)) + 1;
                }
            }
        }

        // One-hop cosine-like scores, as sparse rows.
        var rows = new List<(int Artist, double Score)>[artists];
        for (var a = 0; a < artists; a++) rows[a] = new();
        foreach (var (key, count) in pairs)
        {
            var a = (int)(key >> 32);
            var b = (int)(key & 0xFFFFFFFF);
            rows[a].Add((b, count / (Math.Sqrt((double)liked[a] * liked[b]) + options.Shrink)));
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

    private static long Key(int a, int b) => ((long)a << 32) | (uint)b;
}
