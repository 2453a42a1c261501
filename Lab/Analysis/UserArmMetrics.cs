using Botify.Contracts.AbTesting;

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
    /// <summary>The metrics of a user's tally (<see cref="UserArmTally.Metric(string)"/> computes each).</summary>
    public static UserArmMetrics Of(int user, string arm, UserArmTally tally) => new(
        user, arm, tally.Time, tally.Sessions, tally.Tracks,
        tally.Metric(AbMetrics.MeanRequestLatency), tally.Metric(AbMetrics.MeanTracksPerSession), tally.Metric(AbMetrics.MeanTimePerSession));

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
