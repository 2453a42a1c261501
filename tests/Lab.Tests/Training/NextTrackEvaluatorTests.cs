using Botify.Contracts.EventLog;
using Botify.Lab.Training;

namespace Botify.Lab.Tests.Training;

public sealed class NextTrackEvaluatorTests
{
    // Every session: 10 (the listener's pick) → 11 (0.9) → 12 (0.1) → 13 (0.95) → 11 again (0.0) → 14 (0.85, last).
    // Targets: 11, 13, 14 (above 0.8, not yet played); 12 is listened badly, the second 11 is a repeat.
    private static readonly (int Track, double Time)[] Plays = [(10, 1.0), (11, 0.9), (12, 0.1), (13, 0.95), (11, 0.0), (14, 0.85)];

    // Rows by previous track: 11 is first after 10; 13 is third after 12; 14 follows the repeated 11, whose row starts
    // with 12 and 13 (both played by then), then 15 and 14.
    private static readonly Dictionary<int, int[]> Rows = new()
    {
        [10] = [11, 99],
        [12] = [60, 61, 13],
        [11] = [12, 13, 15, 14],
    };

    private const int UserWithoutRows = 7;

    private static TrainingData Data()
    {
        var events = new List<LogEvent>();
        long clock = 1;
        for (var s = 0; s < 40; s++)
        {
            var user = s % 10;
            for (var k = 0; k < Plays.Length; k++)
            {
                var message = k == Plays.Length - 1 ? LogMessage.Last : LogMessage.Next;
                events.Add(new LogEvent(message, clock++, user, Plays[k].Track, Plays[k].Time, 0.001, null, LogEvent.NoExperiments));
            }
        }

        return TrainingData.Build(events, 0.8, 0, 3, holdoutSessions: 0.5);
    }

    private static IReadOnlyList<int>? RowFor(int user, int previous) => user == UserWithoutRows ? null : Rows.GetValueOrDefault(previous);

    [Fact]
    public void Hit_rate_counts_well_listened_next_tracks_among_the_first_k_unplayed_candidates()
    {
        var data = Data();
        var sessions = data.HeldOutSessions.Count;
        var withoutRows = data.HeldOutSessions.Count(s => s.Events[0].User == UserWithoutRows);
        Assert.InRange(sessions, 10, 30);
        Assert.InRange(withoutRows, 1, sessions - 1);

        var two = NextTrackEvaluator.Evaluate("X", data, RowFor, k: 2);
        var fifteen = NextTrackEvaluator.Evaluate("X", data, RowFor, k: 15);

        // by hand, per session with rows: k = 2 hits 11 ([11, 99]) and 14 ([15, 14] once 12 and 13 are skipped as played), misses 13 ([60, 61]);
        // k = 15 hits all three; a session of the user without rows hits nothing and is never answered.
        Assert.Equal(3 * sessions, two.Targets);
        Assert.Equal(2.0 * (sessions - withoutRows) / (3 * sessions), two.HitRate, 12);
        Assert.Equal(3.0 * (sessions - withoutRows) / (3 * sessions), fifteen.HitRate, 12);
        Assert.Equal((double)(sessions - withoutRows) / sessions, fifteen.Answered, 12);
    }

    [Fact]
    public void Held_out_sessions_are_kept_out_of_training()
    {
        var data = Data();

        Assert.Equal(6 * (40 - data.HeldOutSessions.Count), data.OrderedEvents.Count);
        var heldOutUsers = data.HeldOutSessions.Select(s => s.Events[0].User).ToHashSet();
        var trainedUsers = data.OrderedEvents.Select(e => e.User).ToHashSet();
        // four sessions per user, each drawn on its own: some users keep training sessions, some lose all of them
        Assert.NotEmpty(heldOutUsers);
        Assert.All(data.HeldOutSessions, s => Assert.Equal(Plays.Select(p => p.Track), s.Events.Select(e => e.Track)));
        Assert.Equal(trainedUsers.Order(), data.Train.UserIds);
    }
}
