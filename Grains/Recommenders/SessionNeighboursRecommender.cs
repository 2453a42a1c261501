using Botify.Contracts.Catalog;
using Botify.Contracts.Listening;

namespace Botify.Grains.Recommenders;

/// <summary>
/// The project's session-aware recommender. It reads the session's plays and times (the first
/// track is near the session's taste, so its artist is the anchor) and a per-artist table of similar
/// artists trained by the lab (rows keyed by each artist's lowest track id, listing the lowest track
/// ids of similar artists, most similar first). Each candidate artist gets an expected listened share:
/// artists heard this session from their observed times (shares undone of the artist discount,
/// shrunk towards a prior), similar artists from how well similar artists did so far this session;
/// times <see cref="SessionNeighboursOptions.ArtistDiscount"/>^(plays of that artist this session).
/// The answer is a random track of the best artist that this session has not played. Without the
/// table it still ranks the session's own artists (StickyArtist without repeats, discount-aware);
/// when nothing is left, a random track the session has not played.
/// </summary>
public sealed class SessionNeighboursRecommender : IRecommender
{
    /// <summary>Upper bound of <see cref="SessionNeighboursOptions.MaxSessionPlays"/>: the per-request buffers live on the stack.</summary>
    public const int MaxSessionPlaysLimit = 512;

    private const int PickProbes = 8;
    private readonly string table;
    private readonly SessionNeighboursOptions options;
    private readonly IRecommender fallback;

    public SessionNeighboursRecommender(string table, SessionNeighboursOptions options, IRecommender random)
    {
        if (options.MaxSessionPlays is < 1 or > MaxSessionPlaysLimit)
            throw new ArgumentException($"Botify:SessionNeighbours:MaxSessionPlays is {options.MaxSessionPlays}; it must be 1..{MaxSessionPlaysLimit}");
        if (options.MaxSources < 0)
            throw new ArgumentException($"Botify:SessionNeighbours:MaxSources is {options.MaxSources}; it must be 0 or more");
        if (options.RowScan < 0)
            throw new ArgumentException($"Botify:SessionNeighbours:RowScan is {options.RowScan}; it must be 0 or more");
        if (!(options.ArtistDiscount > 0 && options.ArtistDiscount <= 1))
            throw new ArgumentException($"Botify:SessionNeighbours:ArtistDiscount is {options.ArtistDiscount}; it must be in (0, 1]");
        if (!(options.PriorWeight > 0))
            throw new ArgumentException($"Botify:SessionNeighbours:PriorWeight is {options.PriorWeight}; it must be above 0");
        if (!(options.NeighbourPriorWeight > 0))
            throw new ArgumentException($"Botify:SessionNeighbours:NeighbourPriorWeight is {options.NeighbourPriorWeight}; it must be above 0");
        this.table = table;
        this.options = options;
        fallback = random;
    }

    public string Name => $"SessionNeighbours:{table}";

    public bool NeedsSession => true;

    public int Recommend(in RecommendationContext context)
    {
        var tracks = context.Catalog.Tracks;
        var all = context.Session;
        var session = all.Length > options.MaxSessionPlays ? all[^options.MaxSessionPlays..] : all;
        // The first play of a session is the listener's own pick near their taste: the anchor, not an observation.
        var hasAnchor = session.Length == all.Length;

        var capacity = session.Length + 1;
        Span<int> artists = stackalloc int[capacity];
        Span<int> plays = stackalloc int[capacity];
        Span<int> observed = stackalloc int[capacity];
        Span<double> shares = stackalloc double[capacity];
        Span<bool> exhausted = stackalloc bool[capacity];
        var count = 0;
        var anchor = -1;
        for (var i = 0; i < session.Length; i++)
        {
            var track = session[i].Track;
            if (!tracks.Contains(track)) continue;
            var j = IndexOf(artists[..count], tracks.ArtistOf(track));
            if (j < 0)
            {
                j = count++;
                artists[j] = tracks.ArtistOf(track);
                plays[j] = observed[j] = 0;
                shares[j] = 0;
                exhausted[j] = false;
            }
            if (i == 0 && hasAnchor) anchor = j;
            else
            {
                // Undo the discount the listener applied, so plays at any depth estimate the same base share.
                shares[j] += Math.Min(1.0, session[i].Time / Math.Pow(options.ArtistDiscount, plays[j]));
                observed[j]++;
            }
            plays[j]++;
        }
        if (count == 0 && tracks.Contains(context.PrevTrack))
        {
            // No session kept (e.g. state from before this recommender served): the previous track anchors.
            artists[0] = tracks.ArtistOf(context.PrevTrack);
            plays[0] = 1;
            observed[0] = 0;
            shares[0] = 0;
            exhausted[0] = false;
            anchor = 0;
            count = 1;
        }

        var neighbourEstimate = NeighbourEstimate(artists[..count], observed, shares, anchor);
        var similar = context.Catalog.Table(table);
        if (similar is not null && similar.KeyKind != TableKeyKind.Track) similar = null;
        // Similar artists of the session's well-listened artists; one proposed by several is likelier to suit (noisy-or).
        var bufferSize = similar is null ? 0 : Math.Min(count, options.MaxSources) * options.RowScan;
        Span<int> candidates = bufferSize <= 1024 ? stackalloc int[bufferSize] : new int[bufferSize];
        Span<double> misses = bufferSize <= 1024 ? stackalloc double[bufferSize] : new double[bufferSize];
        var candidateCount = 0;
        if (similar is not null)
        {
            var sources = 0;
            // The anchor first, then the most recent artists: a long session drifts, its latest hits say most about now.
            for (var k = -1; k < count && sources < options.MaxSources; k++)
            {
                var j = k < 0 ? anchor : count - 1 - k;
                if (j < 0 || (k >= 0 && j == anchor)) continue;
                var estimate = Estimate(j, anchor, neighbourEstimate, observed, shares);
                if (estimate < options.MinSourceValue) continue;
                if (!similar.TryGetRow(tracks.TracksOfArtist(artists[j])[0], out var row)) continue;
                sources++;
                var scan = Math.Min(row.Length, options.RowScan);
                var weight = Math.Min(1.0, estimate);
                for (var r = 0; r < scan; r++, weight *= options.RankDecay)
                {
                    if (!tracks.Contains(row[r])) continue;
                    var artist = tracks.ArtistOf(row[r]);
                    if (IndexOf(artists[..count], artist) >= 0) continue;
                    var c = IndexOf(candidates[..candidateCount], artist);
                    if (c < 0)
                    {
                        c = candidateCount++;
                        candidates[c] = artist;
                        misses[c] = 1;
                    }
                    misses[c] *= 1 - weight;
                }
            }
        }
        for (var attempt = 0; attempt <= count; attempt++)
        {
            var best = double.NegativeInfinity;
            var bestArtist = -1;
            var bestIndex = -1;
            for (var j = 0; j < count; j++)
            {
                if (exhausted[j]) continue;
                var value = Estimate(j, anchor, neighbourEstimate, observed, shares) * Math.Pow(options.ArtistDiscount, plays[j]);
                if (value > best) (best, bestArtist, bestIndex) = (value, artists[j], j);
            }
            if (candidateCount > 0)
            {
                for (var c = 0; c < candidateCount; c++)
                {
                    var value = neighbourEstimate * (1 - misses[c]);
                    if (value > best) (best, bestArtist, bestIndex) = (value, candidates[c], -1);
                }
            }
            if (bestArtist < 0) break;
            if (TryPickUnplayed(tracks.TracksOfArtist(bestArtist), session, context.Random, out var pick)) return pick;
            if (bestIndex < 0) break; // unreachable: an artist new to the session has no played track
            exhausted[bestIndex] = true;
        }
        return RandomUnplayed(in context, session);
    }

    /// <summary>Expected base share of a session artist: its observed shares shrunk towards its prior.</summary>
    private double Estimate(int j, int anchor, double neighbourEstimate, ReadOnlySpan<int> observed, ReadOnlySpan<double> shares)
    {
        var prior = j == anchor ? options.AnchorPrior : neighbourEstimate;
        return (prior * options.PriorWeight + shares[j]) / (options.PriorWeight + observed[j]);
    }

    /// <summary>Expected base share of a similar artist: how the non-anchor artists of this session did, shrunk towards the prior.</summary>
    private double NeighbourEstimate(ReadOnlySpan<int> artists, ReadOnlySpan<int> observed, ReadOnlySpan<double> shares, int anchor)
    {
        var sum = options.NeighbourPrior * options.NeighbourPriorWeight;
        var weight = options.NeighbourPriorWeight;
        for (var j = 0; j < artists.Length; j++)
        {
            if (j == anchor || observed[j] == 0) continue;
            sum += shares[j] / observed[j];
            weight += 1;
        }
        return sum / weight;
    }

    private static int IndexOf(ReadOnlySpan<int> artists, int artist)
    {
        for (var j = 0; j < artists.Length; j++)
        {
            if (artists[j] == artist) return j;
        }
        return -1;
    }

    private static bool Played(ReadOnlySpan<SessionPlay> session, int track)
    {
        foreach (var play in session)
        {
            if (play.Track == track) return true;
        }
        return false;
    }

    /// <summary>A random track of the artist the session has not played: a few random probes, then a scan from a random start.</summary>
    private static bool TryPickUnplayed(int[] ofArtist, ReadOnlySpan<SessionPlay> session, Random random, out int track)
    {
        for (var probe = 0; probe < PickProbes; probe++)
        {
            track = ofArtist[random.Next(ofArtist.Length)];
            if (!Played(session, track)) return true;
        }
        var start = random.Next(ofArtist.Length);
        for (var k = 0; k < ofArtist.Length; k++)
        {
            track = ofArtist[(start + k) % ofArtist.Length];
            if (!Played(session, track)) return true;
        }
        track = -1;
        return false;
    }

    private int RandomUnplayed(in RecommendationContext context, ReadOnlySpan<SessionPlay> session)
    {
        var all = context.Catalog.Tracks.AllTracks;
        for (var probe = 0; probe < PickProbes && all.Length > 0; probe++)
        {
            var track = all[context.Random.Next(all.Length)];
            if (!Played(session, track)) return track;
        }
        return fallback.Recommend(in context);
    }
}
