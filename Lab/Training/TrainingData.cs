using Botify.Contracts.EventLog;

namespace Botify.Lab.Training;

/// <summary>
/// What the models learn from, built from event logs. A positive is a (user, track) pair whose
/// best listen (max <c>time</c> over the user's events of that track) is above the threshold; a random,
/// seeded share of positive pairs is held out for evaluation and kept out of every model
/// (also out of TopPop's totals and Contextual's co-occurrences).
/// </summary>
public sealed class TrainingData
{
    private TrainingData(InteractionMatrix train, Dictionary<int, int[]> heldOut, int heldOutPairs, int heldOutUnknownTracks,
        Dictionary<int, double> trackTime, IReadOnlyList<LogEvent> orderedEvents, HashSet<long> heldOutKeys, double threshold, int positives)
    {
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

    /// <summary>Dense user index → held-out positive tracks (dense item indices; −1 for a track no training user played).</summary>
    public Dictionary<int, int[]> HeldOut { get; }

    public int HeldOutPairs { get; }

    /// <summary>Held-out positives on tracks absent from training: no model can rank them.</summary>
    public int HeldOutUnknownTracks { get; }

    /// <summary>External track id → total listened time over training events (TopPop's score).</summary>
    public Dictionary<int, double> TrackTime { get; }

    /// <summary>All events ordered by (user, timestamp), input order on ties: sessions for Contextual.</summary>
    public IReadOnlyList<LogEvent> OrderedEvents { get; }

    /// <summary>Keys (user &lt;&lt; 32 | track) of held-out pairs.</summary>
    public HashSet<long> HeldOutKeys { get; }

    public double PositiveThreshold { get; }

    public int Positives { get; }

    public static long Key(int user, int track) => ((long)user << 32) | (uint)track;

    public bool IsHeldOut(int user, int track) => HeldOutKeys.Contains(Key(user, track));

    public static TrainingData Build(IReadOnlyList<LogEvent> events, double positiveThreshold, double holdout, int seed)
    {
        var best = new Dictionary<long, double>();
        foreach (var e in events)
        {
            var key = Key(e.User, e.Track);
            if (!best.TryGetValue(key, out var time) || e.Time > time)
            {
                best[key] = e.Time;
            }
        }

        var trainPairs = new List<(int User, int Track)>();
        var heldOutKeys = new HashSet<long>();
        var positives = 0;
        foreach (var (key, time) in best)
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
                $"no training positives: none of the {events.Count:N0} events has time above --positive-threshold {positiveThreshold} (outside the held-out share {holdout}); lower the threshold or pass logs of more sessions.");
        }

        var train = InteractionMatrix.FromPairs(trainPairs);
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

        return new TrainingData(train, heldOut, heldOutPairs, unknown, trackTime, ordered, heldOutKeys, positiveThreshold, positives);
    }
}
