namespace Botify.SessionBench;

/// <summary>Per-episode reward (time per session) and steps (tracks per session): means, s.e.m., share of capped sessions.</summary>
public sealed class EpisodeStats
{
    private double rewardSum, rewardSquares, stepsSum, stepsSquares;
    private long requests;
    private double requestSeconds;

    public int Episodes { get; private set; }
    public int Capped { get; private set; }

    public void Add(double reward, int steps, bool capped)
    {
        Episodes++;
        rewardSum += reward;
        rewardSquares += reward * reward;
        stepsSum += steps;
        stepsSquares += (double)steps * steps;
        if (capped) Capped++;
    }

    public void AddRequests(long count, double seconds)
    {
        requests += count;
        requestSeconds += seconds;
    }

    public double Reward => rewardSum / Episodes;
    public double RewardSem => Sem(rewardSum, rewardSquares);
    public double Steps => stepsSum / Episodes;
    public double StepsSem => Sem(stepsSum, stepsSquares);
    public double CapShare => (double)Capped / Episodes;
    public double MicrosPerRequest => requests == 0 ? 0 : requestSeconds * 1e6 / requests;

    private double Sem(double sum, double squares)
    {
        if (Episodes < 2) return 0;
        var mean = sum / Episodes;
        var variance = (squares - Episodes * mean * mean) / (Episodes - 1);
        return Math.Sqrt(Math.Max(0, variance) / Episodes);
    }
}
