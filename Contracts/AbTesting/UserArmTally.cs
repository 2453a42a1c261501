using System.Text.Json.Serialization;

namespace Botify.Contracts.AbTesting;

/// <summary>
/// One user's figures in one arm, accumulated play by play: the open session's tracks, time and latency, and the
/// sums over closed sessions (a `last` play closes one). The user-level metrics of the A/B analysis
/// (<see cref="AbMetrics"/>) are computed here, once, for `Lab ab` (from logs) and the live view (from the user grain).
/// </summary>
public sealed class UserArmTally
{
    /// <summary>Plays of the session not closed yet.</summary>
    [JsonPropertyName("openTracks")]
    public int OpenTracks { get; set; }

    [JsonPropertyName("openTime")]
    public double OpenTime { get; set; }

    [JsonPropertyName("openLatencyMs")]
    public double OpenLatencyMs { get; set; }

    /// <summary>Closed sessions.</summary>
    [JsonPropertyName("sessions")]
    public int Sessions { get; set; }

    /// <summary>Plays of the closed sessions (each event is one track, the first track of a session included).</summary>
    [JsonPropertyName("tracks")]
    public long Tracks { get; set; }

    /// <summary>Listened time of the closed sessions (sum of the events' time).</summary>
    [JsonPropertyName("time")]
    public double Time { get; set; }

    /// <summary>Request latency of the closed sessions' events, ms.</summary>
    [JsonPropertyName("latencyMs")]
    public double LatencyMs { get; set; }

    /// <summary>A play joins the open session (a `next` event, or the `last` one before <see cref="CloseSession"/>).</summary>
    public void Play(double time, double latencyMs)
    {
        OpenTracks++;
        OpenTime += time;
        OpenLatencyMs += latencyMs;
    }

    /// <summary>Closes the open session into the sums; returns its tracks (0 when no play was open).</summary>
    public int CloseSession()
    {
        var tracks = OpenTracks;
        if (tracks == 0) return 0;
        Sessions++;
        Tracks += tracks;
        Time += OpenTime;
        LatencyMs += OpenLatencyMs;
        OpenTracks = 0;
        OpenTime = OpenLatencyMs = 0;
        return tracks;
    }

    /// <summary>A copy of the closed-session sums (no open session): what a user contributes to an arm.</summary>
    public UserArmTally Closed() => new() { Sessions = Sessions, Tracks = Tracks, Time = Time, LatencyMs = LatencyMs };

    /// <summary>One of <see cref="AbMetrics.All"/> over the closed sessions (NaN before the first closed session).</summary>
    public double Metric(string name) => name switch
    {
        AbMetrics.Time => Time,
        AbMetrics.Sessions => Sessions,
        AbMetrics.MeanTracksPerSession => (double)Tracks / Sessions,
        AbMetrics.MeanTimePerSession => Time / Sessions,
        AbMetrics.MeanRequestLatency => LatencyMs / Tracks,
        _ => throw new ArgumentException($"unknown metric '{name}'; use one of {string.Join(", ", AbMetrics.All)}", nameof(name)),
    };

    /// <summary>The metric at <paramref name="index"/> of <see cref="AbMetrics.All"/>.</summary>
    public double Metric(int index) => Metric(AbMetrics.All[index]);
}
