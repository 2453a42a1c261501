using Botify.Contracts.EventLog;
using Botify.Lab.Training;

namespace Botify.Lab.Tests.Training;

public sealed class TrainingDataTests
{
    private static LogEvent Play(int user, int track, double time, long ts = 0) =>
        new(LogMessage.Next, ts, user, track, time, 0, null, LogEvent.NoExperiments);

    [Fact]
    public void A_pair_is_positive_when_its_best_listen_is_above_the_threshold()
    {
        var events = new[] { Play(1, 10, 0.2), Play(1, 10, 0.95), Play(1, 11, 0.8), Play(1, 12, 0.81), Play(2, 10, 0.5) };

        var data = TrainingData.Build(events, 0.8, 0, 1);

        Assert.Equal(2, data.Positives); // (1,10) by its max, (1,12); 0.8 is not above 0.8
        Assert.Equal([1], data.Train.UserIds);
        Assert.Equal([10, 12], data.Train.TrackIds);
        Assert.Equal(0.2 + 0.95 + 0.5, data.TrackTime[10], 12);
    }

    [Fact]
    public void The_hold_out_is_a_seeded_share_kept_out_of_training_and_popularity()
    {
        var events = new List<LogEvent>();
        for (var user = 0; user < 200; user++)
        {
            for (var track = 0; track < 20; track++)
            {
                events.Add(Play(user, track * 7 + user % 3, 1.0));
            }
        }

        var a = TrainingData.Build(events, 0.8, 0.2, 5);
        var b = TrainingData.Build(events.AsEnumerable().Reverse().ToList(), 0.8, 0.2, 5);

        Assert.InRange(a.HeldOutKeys.Count, 4000 * 0.17, 4000 * 0.23);
        Assert.Equal(a.HeldOutKeys.Order(), b.HeldOutKeys.Order()); // independent of input order
        Assert.Equal(4000, a.Train.Count + a.HeldOutKeys.Count);
        foreach (var key in a.HeldOutKeys)
        {
            var user = (int)(key >> 32);
            var track = (int)(key & 0xFFFFFFFF);
            var u = Array.IndexOf(a.Train.UserIds, user);
            var i = Array.IndexOf(a.Train.TrackIds, track);
            Assert.False(u >= 0 && i >= 0 && a.Train.Contains(u, i));
        }

        var heldOutTime = a.HeldOutKeys.Count(k => (int)(k & 0xFFFFFFFF) == 0);
        Assert.Equal(events.Count(e => e.Track == 0) - heldOutTime, a.TrackTime[0], 9);
    }

    [Fact]
    public void No_positive_at_all_names_the_threshold_option()
    {
        var error = Assert.Throws<ArgumentException>(() => TrainingData.Build([Play(1, 1, 0.3)], 0.8, 0.1, 1));
        Assert.Contains("--positive-threshold", error.Message);
    }
}
