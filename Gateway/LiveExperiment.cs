using Botify.Contracts.AbTesting;

namespace Botify.Gateway;

/// <summary>
/// One experiment's live figures as read from its aggregate shards: per arm the sums (configured arms first, with
/// their recommender; arms seen only in the data after them), the rows against control C, and whether it is configured.
/// </summary>
public sealed record LiveExperiment(
    string Name,
    bool Configured,
    IReadOnlyList<ArmSums> Arms,
    IReadOnlyDictionary<string, string> Recommenders,
    IReadOnlyList<AbRow> Rows);
