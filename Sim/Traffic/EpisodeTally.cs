namespace Botify.Sim.Traffic;

/// <summary>Running sums of finished episodes, requests and errors; one per worker (or arm), merged at the end.</summary>
public sealed class EpisodeTally
{
    public long Episodes { get; private set; }
    public long FailedEpisodes { get; private set; }
    public long CappedEpisodes { get; private set; }
    public long Requests { get; private set; }
    public double RewardSum { get; private set; }
    public double RewardSquares { get; private set; }
    public double StepsSum { get; private set; }
    public double StepsSquares { get; private set; }
    public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);
    public LatencyHistogram Latency { get; } = new();

    public void AddRequest(long latencyMicroseconds)
    {
        Requests++;
        Latency.Record(latencyMicroseconds);
    }

    /// <summary>A request that failed (counted as a request; its latency is not recorded).</summary>
    public void AddError(string kind)
    {
        Requests++;
        Errors[kind] = Errors.GetValueOrDefault(kind) + 1;
    }

    /// <summary>A protocol error that ends an episode without a failed request (e.g. an unknown recommended track).</summary>
    public void AddProblem(string kind) => Errors[kind] = Errors.GetValueOrDefault(kind) + 1;

    public void AddEpisode(double reward, int steps, bool hitCap)
    {
        Episodes++;
        RewardSum += reward;
        RewardSquares += reward * reward;
        StepsSum += steps;
        StepsSquares += (double)steps * steps;
        if (hitCap) CappedEpisodes++;
    }

    public void AddFailedEpisode() => FailedEpisodes++;

    public void Merge(EpisodeTally other)
    {
        Episodes += other.Episodes;
        FailedEpisodes += other.FailedEpisodes;
        CappedEpisodes += other.CappedEpisodes;
        Requests += other.Requests;
        RewardSum += other.RewardSum;
        RewardSquares += other.RewardSquares;
        StepsSum += other.StepsSum;
        StepsSquares += other.StepsSquares;
        foreach (var (kind, count) in other.Errors) Errors[kind] = Errors.GetValueOrDefault(kind) + count;
        Latency.Merge(other.Latency);
    }

    public (double Mean, double Sem) Reward() => MeanAndSem(RewardSum, RewardSquares, Episodes);

    public (double Mean, double Sem) Steps() => MeanAndSem(StepsSum, StepsSquares, Episodes);

    private static (double Mean, double Sem) MeanAndSem(double sum, double squares, long n)
    {
        if (n == 0) return (0, 0);
        var mean = sum / n;
        if (n < 2) return (mean, 0);
        var variance = Math.Max(0, (squares - n * mean * mean) / (n - 1));
        return (mean, Math.Sqrt(variance / n));
    }
}
