namespace Botify.Lab.Training;

/// <summary>
/// What a training run produced: evaluation rows (empty without a hold-out), next-track rows on held-out sessions
/// (empty without held-out sessions), files written, model timings.
/// </summary>
public sealed record TrainResult(
    IReadOnlyList<RankingMetrics> Metrics,
    IReadOnlyList<string> Files,
    IReadOnlyDictionary<string, double> TrainSeconds,
    int Interactions,
    IReadOnlyList<NextTrackMetrics>? NextTrack = null);
