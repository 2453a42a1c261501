using Botify.Lab.Training;

namespace Botify.SessionBench;

/// <summary>What `Lab train` measured offline for one seed and day-1 size: ranking on held-out positives, next-track hits on held-out sessions.</summary>
public sealed record OfflineEvaluation(List<RankingMetrics> Ranking, List<NextTrackMetrics> NextTrack);
