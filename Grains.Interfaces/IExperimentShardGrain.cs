namespace Botify.Grains;

/// <summary>
/// One shard of an experiment's live aggregate (key <see cref="ExperimentShards.Key"/>): per user the last
/// contribution it confirmed, per arm the count, sum and sum of squares of each per-user metric. Persisted.
/// </summary>
public interface IExperimentShardGrain : IGrainWithStringKey
{
    /// <summary>
    /// Replaces the user's contribution when <see cref="UserContribution.Version"/> is newer than the one held (an older or
    /// equal version changes nothing, so a retry or a duplicate never counts twice); returns once the shard's state holding
    /// it is stored.
    /// </summary>
    Task Apply(UserContribution contribution);

    /// <summary>The shard's per-arm sums (changes not stored yet included).</summary>
    Task<ArmTotals[]> Totals();
}
