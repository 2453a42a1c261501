namespace Botify.Sim.Traffic;

/// <summary>
/// What a run prints at the end and writes with `--out`. Reward = sum of the recommendations' times;
/// steps = recommendations consumed (a session's tracks in the log = steps + 1, its time = reward + 1).
/// </summary>
public sealed record RunSummary(
    string Mode,
    string Target,
    long Seed,
    int Concurrency,
    long Episodes,
    long FailedEpisodes,
    long Requests,
    IReadOnlyDictionary<string, long> Errors,
    double MeanReward,
    double RewardSem,
    double MeanSteps,
    double StepsSem,
    double CapHitShare,
    double ElapsedSeconds,
    double RequestsPerSecond,
    double LatencyP50Ms,
    double LatencyP95Ms,
    double LatencyP99Ms,
    IReadOnlyList<ArmSummary> Arms)
{
    public static RunSummary From(string mode, string target, long seed, int concurrency, EpisodeTally tally, TimeSpan elapsed, IReadOnlyList<ArmSummary> arms)
    {
        var (reward, rewardSem) = tally.Reward();
        var (steps, stepsSem) = tally.Steps();
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        var errors = new SortedDictionary<string, long>(tally.Errors, StringComparer.Ordinal);
        return new RunSummary(mode, target, seed, concurrency, tally.Episodes, tally.FailedEpisodes, tally.Requests, errors,
            reward, rewardSem, steps, stepsSem, tally.Episodes == 0 ? 0 : (double)tally.CappedEpisodes / tally.Episodes,
            elapsed.TotalSeconds, tally.Requests / seconds,
            tally.Latency.PercentileMilliseconds(0.50), tally.Latency.PercentileMilliseconds(0.95), tally.Latency.PercentileMilliseconds(0.99), arms);
    }
}
