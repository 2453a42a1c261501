using Botify.Contracts.EventLog;
using Botify.Lab.Training;

namespace Botify.Lab.Tests.Training;

public sealed class RankingEvaluatorTests
{
    [Fact]
    public void Precision_and_ndcg_at_10_match_a_hand_computed_case()
    {
        // 40 users each play tracks 0..29 fully; 30 % of pairs held out (every track keeps training users)
        var events = new List<LogEvent>();
        for (var user = 0; user < 40; user++)
        {
            for (var track = 0; track < 30; track++)
            {
                events.Add(new LogEvent(LogMessage.Next, track, user, track, 1.0, 0, null, LogEvent.NoExperiments));
            }
        }

        var data = TrainingData.Build(events, 0.8, 0.3, 9);
        Assert.Equal(30, data.Train.Items);
        var relevant = data.HeldOut[0];
        Assert.True(relevant.Length >= 2);
        var misses = Enumerable.Range(0, 30).Where(i => Array.BinarySearch(relevant, i) < 0).ToArray();

        // user 0: hits at ranks 1 and 3 (1-based), the rest misses; every other user: an empty list
        int[] top0 = [relevant[0], misses[0], relevant[1], .. misses[1..8]];
        var metrics = RankingEvaluator.Evaluate("X", data, user => user == 0 ? top0 : []);

        // by hand: precision = (2/10) / users; DCG = 1/log2(2) + 1/log2(4) = 1.5, IDCG = Σ_{r<min(|held out|,10)} 1/log2(r+2)
        var users = data.HeldOut.Count;
        var ideal = Enumerable.Range(0, Math.Min(10, relevant.Length)).Sum(r => 1 / Math.Log2(r + 2));
        Assert.Equal(10, top0.Length);
        Assert.Equal(0.2 / users, metrics.Precision, 12);
        Assert.Equal(1.5 / ideal / users, metrics.Ndcg, 12);
        Assert.Equal(10.0 / 30, metrics.Coverage, 12);
    }
}
