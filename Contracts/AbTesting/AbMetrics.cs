namespace Botify.Contracts.AbTesting;

/// <summary>The user-level metrics of the A/B analysis, named as the reference notebooks and seminar table.</summary>
public static class AbMetrics
{
    public const string Time = "time";
    public const string Sessions = "sessions";
    public const string MeanTracksPerSession = "mean_tracks_per_session";
    public const string MeanTimePerSession = "mean_time_per_session";
    public const string MeanRequestLatency = "mean_request_latency";

    /// <summary>Report order (as the published table).</summary>
    public static readonly IReadOnlyList<string> All =
        [Time, Sessions, MeanTracksPerSession, MeanTimePerSession, MeanRequestLatency];
}
