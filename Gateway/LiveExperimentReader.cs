using Botify.Contracts.AbTesting;
using Botify.Grains;
using Microsoft.Extensions.Options;

namespace Botify.Gateway;

/// <summary>
/// Reads the live experiment aggregate: the experiments configured on the silos (<see cref="IExperimentDirectoryGrain"/>)
/// and, for one experiment, every shard's per-arm sums, added up and turned into `Lab ab`'s rows (<see cref="AbComparison"/>).
/// </summary>
public sealed class LiveExperimentReader(IGrainFactory grains, IOptions<GatewayOptions> options)
{
    /// <summary>The control arm the rows compare against (as `Lab ab --control`'s default).</summary>
    public const string Control = "C";

    private readonly GatewayOptions settings = options.Value;

    public Task<ExperimentDirectory> DirectoryAsync() =>
        grains.GetGrain<IExperimentDirectoryGrain>(0).Describe().WaitAsync(settings.CallTimeout);

    /// <summary>The experiment's figures; null when it is neither configured nor has any user in its aggregate.</summary>
    public async Task<LiveExperiment?> ReadAsync(string name, ExperimentDirectory directory)
    {
        ExperimentDescription? description = null;
        foreach (var x in directory.Experiments)
        {
            if (x.Name == name) description = x;
        }
        var sums = new Dictionary<string, ArmSums>(StringComparer.Ordinal);
        var recommenders = new Dictionary<string, string>(StringComparer.Ordinal);
        if (description is not null)
        {
            for (var a = 0; a < description.Arms.Length; a++)
            {
                sums[description.Arms[a]] = new ArmSums(description.Arms[a]);
                recommenders[description.Arms[a]] = description.Recommenders[a];
            }
        }

        var shards = new Task<ArmTotals[]>[directory.Shards];
        for (var s = 0; s < shards.Length; s++) shards[s] = grains.GetGrain<IExperimentShardGrain>(ExperimentShards.Key(name, s)).Totals();
        foreach (var totals in await Task.WhenAll(shards).WaitAsync(settings.CallTimeout))
        {
            foreach (var arm in totals)
            {
                if (!sums.TryGetValue(arm.Arm, out var target)) sums[arm.Arm] = target = new ArmSums(arm.Arm);
                target.Add(arm.Users, arm.Sessions, arm.Tracks, arm.Sums, arm.SumsOfSquares);
            }
        }
        if (description is null && sums.Count == 0) return null;

        var ordered = AbComparison.OrderArms(sums.Keys).Select(a => sums[a]).ToList();
        var control = sums.TryGetValue(Control, out var c) ? c : new ArmSums(Control);
        var rows = AbComparison.Rows(control, ordered, settings.ExperimentConfidence, settings.ExperimentPlannedUsers);
        return new LiveExperiment(name, description is not null, ordered, recommenders, rows);
    }
}
