using System.Globalization;

namespace Botify.SessionBench;

/// <summary>The models ranked by the offline next-track metric beside the same models ranked by day 2, for one seed and day-1 size.</summary>
public static class OfflineOnline
{
    public static IEnumerable<string> Lines(long seed, long day1, OfflineEvaluation evaluation, IReadOnlyList<BenchRow> online)
    {
        var played = new List<(string Configuration, string Model, double Ratio, double Hit, double Ndcg)>();
        foreach (var row in online)
        {
            if (BenchConfigs.OfflineModel(row.Configuration) is not { } model) continue;
            var next = evaluation.NextTrack.Find(n => n.Model == model);
            var ranking = evaluation.Ranking.Find(m => m.Model == model);
            played.Add((row.Configuration, model, row.RatioToSticky, next?.HitRate ?? double.NaN, ranking?.Ndcg ?? double.NaN));
        }
        if (played.Count == 0) yield break;
        var byOffline = played.OrderByDescending(p => p.Hit).ToList();
        var byOnline = played.OrderByDescending(p => p.Ratio).ToList();
        var byNdcg = played.OrderByDescending(p => p.Ndcg).ToList();
        yield return $"seed {seed}, day 1 = {day1:N0}: offline order (next-track hit@15 | NDCG@10 on held-out positives) vs online order (× sticky)";
        for (var k = 0; k < played.Count; k++)
        {
            var a = byOffline[k];
            var n = byNdcg[k];
            var b = byOnline[k];
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  {k + 1}. {a.Configuration,-12} {a.Hit,7:P2}  | {n.Configuration,-12} {n.Ndcg,7:0.0000}  | {b.Configuration,-12} {b.Ratio,5:0.00}×");
        }
        var agree = byOffline.Select(p => p.Configuration).SequenceEqual(byOnline.Select(p => p.Configuration));
        yield return agree ? "  next-track order = online order" : "  next-track order ≠ online order";
    }
}
