using Botify.Contracts.EventLog;

namespace Botify.Lab.Training;

/// <summary>
/// What the models learn from, built from event logs. A positive is a (user, track) pair whose
/// best listen (max <c>time</c> over the user's events of that track) is above the threshold; a random,
/// seeded share of positive pairs is held out for evaluation and kept out of every model
/// (also out of TopPop's totals and Contextual's co-occurrences). With the tracks' artists, a play's listened share
/// is its time undone of the listener's artist discount (time / discount^(earlier plays of that artist in the
/// session)), so a well-liked second track of an artist counts as liked. Separately, a seeded share of whole
/// sessions can be held out (<see cref="HeldOutSessions"/>): none of their events reaches any model, and
/// the next-track evaluation replays them.
/// </summary>
public sealed class TrainingData
{
    private TrainingData(InteractionMatrix train, Dictionary<int, int[]> heldOut, int heldOutPairs, int heldOutUnknownTracks,
        Dictionary<int, double> trackTime, IReadOnlyList<LogEvent> orderedEvents, HashSet<long> heldOutKeys, double threshold, int positives,
        IReadOnlyList<HeldOutSession> heldOutSessions, double[] shares, InteractionMatrix asPlayed)
    {
        AsPlayed = asPlayed;
        HeldOutSessions = heldOutSessions;
        Shares = shares;
        Train = train;
        HeldOut = heldOut;
        HeldOutPairs = heldOutPairs;
        HeldOutUnknownTracks = heldOutUnknownTracks;
        TrackTime = trackTime;
        OrderedEvents = orderedEvents;
        HeldOutKeys = heldOutKeys;
        PositiveThreshold = threshold;
        Positives = positives;
    }

    /// <summary>Training positives (dense indices).</summary>
    public InteractionMatrix Train { get; }

    /// <summary>
    /// The training positives listened above the threshold as played, before the artist discount is undone (same dense
    /// indices as <see cref="Train"/>; equal to it without a discount). A user's list starts from these (<see cref="UserLists"/>):
    /// an undone positive is often one more track of an artist a StickyArtist session stayed on.
    /// </summary>
    public InteractionMatrix AsPlayed { get; }

    /// <summary>Dense user index → held-out positive tracks (dense item indices; −1 for a track no training user played).</summary>
    public Dictionary<int, int[]> HeldOut { get; }

    public int HeldOutPairs { get; }

    /// <summary>Held-out positives on tracks absent from training: no model can rank them.</summary>
    public int HeldOutUnknownTracks { get; }

    /// <summary>External track id → total listened time over training events (TopPop's score).</summary>
    public Dictionary<int, double> TrackTime { get; }

    /// <summary>Whole sessions held out (each in timestamp order, ending with its `last` when it has one); no model sees their events.</summary>
    public IReadOnlyList<HeldOutSession> HeldOutSessions { get; }

    /// <summary>Listened share of each of <see cref="OrderedEvents"/> (its time, undone of the artist discount when artists are known).</summary>
    public double[] Shares { get; }

    /// <summary>Training events (held-out sessions left out) ordered by (user, timestamp), input order on ties: sessions for Contextual.</summary>
    public IReadOnlyList<LogEvent> OrderedEvents { get; }

    /// <summary>Keys (user &lt;&lt; 32 | track) of held-out pairs.</summary>
    public HashSet<long> HeldOutKeys { get; }

    public double PositiveThreshold { get; }

    public int Positives { get; }

    public static long Key(int user, int track) => ((long)user << 32) | (uint)track;

    public bool IsHeldOut(int user, int track) => HeldOutKeys.Contains(Key(user, track));

    /// <summary>
    /// Positives and hold-outs from the events: <paramref name="holdout"/> is the held-out share of positive pairs,
    /// <paramref name="holdoutSessions"/> the held-out share of sessions (a session: a user's events through its `last`).
    /// </summary>
    public static TrainingData Build(IReadOnlyList<LogEvent> events, double positiveThreshold, double holdout, int seed, double holdoutSessions = 0,
        ArtistDiscount? discount = null)
    {
        var (ordered, shares, heldOutSessions) = SplitSessions(Order(events), holdoutSessions, seed, discount);
        events = ordered;
        var best = new Dictionary<long, (double Share, double Played)>(PairKeyComparer.Instance);
        for (var k = 0; k < ordered.Length; k++)
        {
            var key = Key(ordered[k].User, ordered[k].Track);
            best[key] = best.TryGetValue(key, out var seen)
                ? (Math.Max(seen.Share, shares[k]), Math.Max(seen.Played, ordered[k].Time))
                : (shares[k], ordered[k].Time);
        }

        var trainPairs = new List<(int User, int Track)>();
        var heldOutKeys = new HashSet<long>(PairKeyComparer.Instance);
        var positives = 0;
        foreach (var (key, (time, _)) in best)
        {
            if (time <= positiveThreshold)
            {
                continue;
            }

            positives++;
            var user = (int)(key >> 32);
            var track = (int)(key & 0xFFFFFFFF);
            // a hash of (seed, pair), not a stream: the split does not depend on dictionary order
            var draw = (SplitMix64.Mix((ulong)seed, (ulong)key) >> 11) * (1.0 / (1UL << 53));
            if (draw < holdout)
            {
                heldOutKeys.Add(key);
            }
            else
            {
                trainPairs.Add((user, track));
            }
        }

        if (trainPairs.Count == 0)
        {
            throw new ArgumentException(
                $"no training positives: none of the {events.Count:N0} events has time above --positive-threshold {positiveThreshold} " +
                $"(outside the held-out share {holdout}); lower the threshold or pass logs of more sessions.");
        }

        var train = InteractionMatrix.FromPairs(trainPairs);
        var asPlayed = discount is null ? train : AsPlayedOnly(train, best, positiveThreshold);
        var userIndex = new Dictionary<int, int>(train.Users);
        for (var u = 0; u < train.Users; u++)
        {
            userIndex[train.UserIds[u]] = u;
        }

        var itemIndex = new Dictionary<int, int>(train.Items);
        for (var i = 0; i < train.Items; i++)
        {
            itemIndex[train.TrackIds[i]] = i;
        }

        var heldOutLists = new Dictionary<int, List<int>>();
        var unknown = 0;
        var heldOutPairs = 0;
        foreach (var key in heldOutKeys)
        {
            if (!userIndex.TryGetValue((int)(key >> 32), out var u))
            {
                continue; // a user with no training positive: no personal model to evaluate
            }

            heldOutPairs++;
            var track = (int)(key & 0xFFFFFFFF);
            var item = itemIndex.GetValueOrDefault(track, -1);
            if (item < 0)
            {
                unknown++;
            }

            if (!heldOutLists.TryGetValue(u, out var list))
            {
                heldOutLists[u] = list = new List<int>();
            }

            list.Add(item);
        }

        var heldOut = new Dictionary<int, int[]>(heldOutLists.Count);
        foreach (var (u, list) in heldOutLists)
        {
            var items = list.ToArray();
            Array.Sort(items);
            heldOut[u] = items;
        }

        var trackTime = new Dictionary<int, double>();
        foreach (var e in events)
        {
            if (heldOutKeys.Count > 0 && heldOutKeys.Contains(Key(e.User, e.Track)))
            {
                continue;
            }

            trackTime[e.Track] = trackTime.GetValueOrDefault(e.Track) + e.Time;
        }

        return new TrainingData(train, heldOut, heldOutPairs, unknown, trackTime, ordered, heldOutKeys, positiveThreshold, positives, heldOutSessions,
            shares, asPlayed);
    }

    /// <summary>The training pairs whose best time as played, before the discount is undone, is above the threshold.</summary>
    private static InteractionMatrix AsPlayedOnly(InteractionMatrix train, Dictionary<long, (double Share, double Played)> best, double threshold)
    {
        var undoneOnly = new bool[train.Count];
        for (var u = 0; u < train.Users; u++)
        {
            for (var k = train.UserOffsets[u]; k < train.UserOffsets[u + 1]; k++)
            {
                undoneOnly[k] = best[Key(train.UserIds[u], train.TrackIds[train.UserItems[k]])].Played <= threshold;
            }
        }

        return train.Without(undoneOnly);
    }

    /// <summary>Events by (user, timestamp), input order on ties.</summary>
    private static LogEvent[] Order(IReadOnlyList<LogEvent> events)
    {
        var order = new int[events.Count];
        var users = new int[events.Count];
        var stamps = new long[events.Count];
        for (var k = 0; k < order.Length; k++)
        {
            order[k] = k;
            users[k] = events[k].User;
            stamps[k] = events[k].Timestamp;
        }

        Array.Sort(order, (a, b) =>
        {
            var c = users[a].CompareTo(users[b]);
            if (c != 0) return c;
            c = stamps[a].CompareTo(stamps[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        var ordered = new LogEvent[order.Length];
        for (var k = 0; k < order.Length; k++)
        {
            ordered[k] = events[order[k]];
        }

        return ordered;
    }

    /// <summary>
    /// Ordered events without the held-out sessions with their listened shares, and those sessions; a session is
    /// drawn by a hash of (seed, user, first timestamp), so the split does not depend on input order.
    /// </summary>
    private static (LogEvent[] Kept, double[] Shares, List<HeldOutSession> HeldOut) SplitSessions(LogEvent[] ordered, double share, int seed,
        ArtistDiscount? discount)
    {
        var heldOut = new List<HeldOutSession>();
        var kept = share <= 0 ? null : new List<LogEvent>(ordered.Length);
        var shares = new List<double>(ordered.Length);
        var artists = new List<(int Artist, int Plays)>();
        var start = 0;
        while (start < ordered.Length)
        {
            var end = start;
            while (end + 1 < ordered.Length && ordered[end + 1].User == ordered[start].User && !ordered[end].IsLast)
            {
                end++;
            }

            var session = ordered.AsSpan(start, end - start + 1);
            var sessionShares = new double[session.Length];
            artists.Clear();
            for (var k = 0; k < session.Length; k++)
            {
                sessionShares[k] = discount is null ? session[k].Time : discount.Undo(session[k].Track, session[k].Time, artists);
            }

            var draw = share <= 0
                ? 1
                : (SplitMix64.Mix((ulong)seed, 0x5E5510, (ulong)session[0].User, (ulong)session[0].Timestamp) >> 11) * (1.0 / (1UL << 53));
            if (draw < share)
            {
                heldOut.Add(new HeldOutSession(session.ToArray(), sessionShares));
            }
            else
            {
                kept?.AddRange(session);
                shares.AddRange(sessionShares);
            }

            start = end + 1;
        }

        return (kept is null ? ordered : kept.ToArray(), shares.ToArray(), heldOut);
    }
}
