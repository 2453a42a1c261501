namespace Botify.Lab.Analysis;

/// <summary>
/// One user's metrics in one arm, over their closed sessions: total <paramref name="Time"/>,
/// <paramref name="Sessions"/>, mean request latency in ms per track, tracks and time per session.
/// </summary>
public sealed record UserArmMetrics(
    int User,
    string Arm,
    double Time,
    int Sessions,
    long Tracks,
    double MeanRequestLatency,
    double MeanTracksPerSession,
    double MeanTimePerSession)
{
    public double Metric(string name) => name switch
    {
        AbMetrics.Time => Time,
        AbMetrics.Sessions => Sessions,
        AbMetrics.MeanTracksPerSession => MeanTracksPerSession,
        AbMetrics.MeanTimePerSession => MeanTimePerSession,
        AbMetrics.MeanRequestLatency => MeanRequestLatency,
        _ => throw new ArgumentException($"unknown metric '{name}'; use one of {string.Join(", ", AbMetrics.All)}", nameof(name)),
    };
}
