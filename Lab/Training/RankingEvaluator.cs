namespace Botify.Lab.Training;

/// <summary>
/// precision@K (hits / K), NDCG@K (binary relevance, ideal DCG over min(|held out|, K)) averaged over
/// users with held-out positives, and coverage = distinct tracks in those users' top-K / training tracks.
/// </summary>
public static class RankingEvaluator
{
    public static RankingMetrics Evaluate(string model, TrainingData data, Func<int, int[]> topFor, int k = 10)
    {
        var users = data.HeldOut.Keys.ToArray();
        Array.Sort(users);
        var seen = new bool[data.Train.Items];
        double precision = 0, ndcg = 0;
        foreach (var user in users)
        {
            var relevant = data.HeldOut[user];
            var top = topFor(user);
            double dcg = 0;
            var hits = 0;
            for (var r = 0; r < Math.Min(k, top.Length); r++)
            {
                seen[top[r]] = true;
                if (Array.BinarySearch(relevant, top[r]) >= 0)
                {
                    hits++;
                    dcg += 1.0 / Math.Log2(r + 2);
                }
            }

            double ideal = 0;
            for (var r = 0; r < Math.Min(k, relevant.Length); r++)
            {
                ideal += 1.0 / Math.Log2(r + 2);
            }

            precision += (double)hits / k;
            ndcg += dcg / ideal;
        }

        var covered = 0;
        foreach (var s in seen)
        {
            covered += s ? 1 : 0;
        }

        var n = Math.Max(1, users.Length);
        return new RankingMetrics(model, k, users.Length, precision / n, ndcg / n, data.Train.Items == 0 ? 0 : (double)covered / data.Train.Items);
    }
}
