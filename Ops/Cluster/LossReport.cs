using Botify.Contracts.EventLog;

namespace Botify.Ops.Cluster;

/// <summary>
/// The loss check: every acknowledged `/next` and `/last` of the event log must be in that user's history as often as it was
/// acknowledged. Users with more than <see cref="FullCheckLimit"/> acknowledged plays (history keeps 100) are checked on their last
/// <see cref="TailChecked"/>. Extra = plays in history that were never acknowledged (applied, but answered with an error).
/// </summary>
public sealed record LossReport(long Lines, int Users, int CheckedOnTail, long Extra, long Lost, IReadOnlyList<long> LostUsers)
{
    public const int FullCheckLimit = 90;
    public const int TailChecked = 60;

    /// <summary>The acknowledged plays per user, in timestamp order.</summary>
    public static SortedDictionary<long, List<int>> Acknowledged(IReadOnlyList<LogEvent> events)
    {
        var byUser = new SortedDictionary<long, List<(long Timestamp, int Track)>>();
        foreach (var e in events)
        {
            if (!byUser.TryGetValue(e.User, out var plays)) byUser[e.User] = plays = [];
            plays.Add((e.Timestamp, e.Track));
        }
        var result = new SortedDictionary<long, List<int>>();
        foreach (var (user, plays) in byUser)
        {
            plays.Sort();
            result[user] = plays.ConvertAll(p => p.Track);
        }
        return result;
    }

    public static LossReport From(long lines, SortedDictionary<long, List<int>> acknowledged, IReadOnlyDictionary<long, int[]> histories)
    {
        int tail = 0;
        long lost = 0, extra = 0;
        var lostUsers = new List<long>();
        foreach (var (user, all) in acknowledged)
        {
            var history = histories.TryGetValue(user, out var h) ? h : [];
            var plays = all.Count > FullCheckLimit ? all.GetRange(all.Count - TailChecked, TailChecked) : all;
            if (all.Count > FullCheckLimit) tail++;
            var have = history.GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
            var missing = 0L;
            foreach (var need in plays.GroupBy(t => t)) missing += Math.Max(0, need.Count() - have.GetValueOrDefault(need.Key));
            if (missing > 0)
            {
                lost += missing;
                lostUsers.Add(user);
            }
            if (all.Count <= FullCheckLimit) extra += history.Length - (plays.Count - missing);
        }
        return new LossReport(lines, acknowledged.Count, tail, extra, lost, lostUsers);
    }
}
