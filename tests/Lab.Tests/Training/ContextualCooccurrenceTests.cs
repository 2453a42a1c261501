using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;
using Botify.Lab.Training;

namespace Botify.Lab.Tests.Training;

public sealed class ContextualCooccurrenceTests
{
    private static readonly ExperimentArm[] Arm = [new("AB", "C")];

    private static IEnumerable<LogEvent> Session(int user, long start, params (int Track, double Time)[] plays)
    {
        for (var k = 0; k < plays.Length; k++)
        {
            var message = k == plays.Length - 1 ? LogMessage.Last : LogMessage.Next;
            yield return new LogEvent(message, start + k, user, plays[k].Track, plays[k].Time, 0.001, null, Arm);
        }
    }

    [Fact]
    public void Followers_listened_above_the_threshold_rank_by_decayed_co_occurrence()
    {
        // planted: 1 → 2 (0.9) → 3 (0.9) in three users' sessions; 1 → 4 (0.1) in two: 4 is never a good follower
        var events = new List<LogEvent>();
        for (var user = 0; user < 3; user++)
        {
            events.AddRange(Session(user, 100, (1, 1.0), (2, 0.9), (3, 0.9), (9, 0.2)));
        }

        events.AddRange(Session(5, 100, (1, 1.0), (4, 0.1), (5, 0.1)));
        events.AddRange(Session(6, 100, (1, 1.0), (4, 0.1), (5, 0.1)));
        var data = TrainingData.Build(events, 0.8, 0, 1);

        var table = ContextualCooccurrence.Build(data, ContextualOptions.Defaults);

        Assert.Equal([2, 3], table[1].Tracks);
        Assert.Equal(3f, table[1].Weights[0]);   // 3 sessions × decay^0
        Assert.Equal(1.5f, table[1].Weights[1]); // 3 sessions × decay^1
        Assert.Equal([3], table[2].Tracks);
        Assert.False(table.ContainsKey(4));
    }

    [Fact]
    public void Sessions_end_at_a_last_event_and_at_a_new_user()
    {
        // user 1: session (7, 8) closed by `last`, then session (9 …): 9 must not follow 7 or 8
        var events = Session(1, 0, (7, 1.0), (8, 1.0)).Concat(Session(1, 10, (9, 1.0), (10, 1.0)))
            .Concat(Session(2, 0, (11, 1.0))).ToList();
        events.Reverse(); // input order must not matter
        var data = TrainingData.Build(events, 0.8, 0, 1);

        var table = ContextualCooccurrence.Build(data, ContextualOptions.Defaults);

        Assert.Equal([8], table[7].Tracks);
        Assert.Equal([10], table[9].Tracks);
        Assert.False(table.ContainsKey(8));
        Assert.False(table.ContainsKey(10)); // user 2's track 11 is another user's session
    }

    [Fact]
    public void The_window_limits_how_far_a_follower_counts()
    {
        var events = Session(1, 0, (1, 1.0), (2, 0.9), (3, 0.9), (4, 0.9), (5, 0.9)).ToList();
        var data = TrainingData.Build(events, 0.8, 0, 1);

        var table = ContextualCooccurrence.Build(data, ContextualOptions.Defaults with { Window = 2, Size = 10 });

        Assert.Equal([2, 3], table[1].Tracks);
    }
}
