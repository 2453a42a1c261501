namespace Botify.Lab.Training;

/// <summary>
/// Next-track hit rate on held-out sessions: of <see cref="Targets"/> well-listened next tracks, the share among the
/// model's first <see cref="K"/> candidates not yet played in the session; <see cref="Answered"/>: share of targets with any candidate.
/// </summary>
public sealed record NextTrackMetrics(string Model, int K, int Sessions, int Targets, double HitRate, double Answered);
