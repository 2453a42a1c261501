namespace Botify.Ops.Bench;

/// <summary>The A/B episodes through HTTP: how many, in how long.</summary>
public sealed record SimulatorFigures(int Episodes, double ElapsedSeconds, double WallSeconds, long Requests, long Errors, long FailedEpisodes)
{
    public double EpisodesPerSecond => ElapsedSeconds > 0 ? Episodes / ElapsedSeconds : 0;
}
