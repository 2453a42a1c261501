using Botify.Contracts.EventLog;
using Botify.Ops.Cluster;

namespace Botify.Ops.Tests;

public sealed class LossReportTests
{
    [Fact]
    public void Every_acknowledged_play_found_in_history_is_no_loss()
    {
        var events = new[] { Play(1, 10, 100), Play(1, 11, 101), Play(2, 20, 100), Play(1, 10, 102) };
        var acknowledged = LossReport.Acknowledged(events);

        var report = LossReport.From(events.Length, acknowledged, new Dictionary<long, int[]> { [1] = [10, 11, 10], [2] = [20] });

        Assert.Equal(0, report.Lost);
        Assert.Equal(0, report.Extra);
        Assert.Equal(2, report.Users);
    }

    [Fact]
    public void A_play_acknowledged_twice_but_in_history_once_is_one_lost_update()
    {
        var events = new[] { Play(1, 10, 100), Play(1, 10, 101), Play(2, 20, 100) };

        var report = LossReport.From(events.Length, LossReport.Acknowledged(events), new Dictionary<long, int[]> { [1] = [10], [2] = [] });

        Assert.Equal(2, report.Lost); // user 1 misses one 10, user 2 its 20
        Assert.Equal([1, 2], report.LostUsers);
    }

    [Fact]
    public void A_play_in_history_that_was_never_acknowledged_counts_as_extra_not_lost()
    {
        var events = new[] { Play(1, 10, 100) };

        var report = LossReport.From(1, LossReport.Acknowledged(events), new Dictionary<long, int[]> { [1] = [10, 12] });

        Assert.Equal(0, report.Lost);
        Assert.Equal(1, report.Extra);
    }

    [Fact]
    public void Long_histories_are_checked_on_their_last_plays_only()
    {
        var events = Enumerable.Range(0, 120).Select(i => Play(1, i, 1000 + i)).ToArray();
        var history = Enumerable.Range(20, 100).ToArray(); // history keeps the last 100

        var report = LossReport.From(events.Length, LossReport.Acknowledged(events), new Dictionary<long, int[]> { [1] = history });

        Assert.Equal(0, report.Lost);
        Assert.Equal(1, report.CheckedOnTail);
    }

    private static LogEvent Play(int user, int track, long timestamp) =>
        new(LogMessage.Next, timestamp, user, track, 0.5, 0.001, 1, LogEvent.NoExperiments);
}
