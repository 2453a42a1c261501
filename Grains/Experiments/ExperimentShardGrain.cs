using Botify.Contracts.AbTesting;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Storage;

namespace Botify.Grains.Experiments;

/// <summary>
/// One shard of an experiment's live aggregate. A contribution newer than the user's held version replaces it (its old
/// tally is subtracted from the arm's sums, the new one added); an older or equal version changes nothing. Writes are
/// grouped: contributions arriving within <see cref="LiveExperimentOptions.FlushInterval"/> share one storage write, and
/// each call returns only once a write holding it succeeded, so a confirmed contribution survives a silo failure.
/// Reentrant, so callers wait for the write together; state changes happen between awaits only.
/// </summary>
[Reentrant]
public sealed class ExperimentShardGrain(
    [PersistentState("shard", UserStorage.Name)] IPersistentState<ExperimentShardState> state,
    IOptions<BotifyOptions> options) : Grain, IExperimentShardGrain
{
    private readonly Dictionary<long, ExperimentShardState.ShardUser> users = [];
    private readonly Dictionary<string, ArmSums> arms = new(StringComparer.Ordinal);
    private readonly TimeSpan flushInterval = options.Value.LiveExperiments.FlushInterval;
    private long changed;   // generation of the in-memory contributions
    private long stored;    // generation the last successful write held
    private Task? writing;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Sums are rebuilt from the stored contributions, so rounding from earlier replacements never accumulates across activations.
        foreach (var entry in state.State.Users)
        {
            users[entry.User] = entry;
            Arm(entry.Arm).Add(entry.Tally);
        }
        return Task.CompletedTask;
    }

    public async Task Apply(UserContribution contribution)
    {
        if (!users.TryGetValue(contribution.User, out var held) || contribution.Version > held.Version)
        {
            var tally = new UserArmTally
            {
                Sessions = contribution.Sessions,
                Tracks = contribution.Tracks,
                Time = contribution.Time,
                LatencyMs = contribution.LatencyMs,
            };
            if (held is not null) Arm(held.Arm).Remove(held.Tally);
            users[contribution.User] = new ExperimentShardState.ShardUser
            {
                User = contribution.User,
                Arm = contribution.Arm,
                Version = contribution.Version,
                Tally = tally,
            };
            Arm(contribution.Arm).Add(tally);
            changed++;
        }
        // Even a version already held returns only once it is stored: its first delivery may still be waiting for the write.
        var needed = changed;
        while (stored < needed) await (writing ??= WriteAsync());
    }

    public Task<ArmTotals[]> Totals()
    {
        var totals = new ArmTotals[arms.Count];
        var i = 0;
        foreach (var arm in arms.Values)
        {
            totals[i++] = new ArmTotals(arm.Arm, arm.Users, arm.Sessions, arm.Tracks, (double[])arm.Sums.Clone(), (double[])arm.SumsOfSquares.Clone());
        }
        return Task.FromResult(totals);
    }

    private async Task WriteAsync()
    {
        try
        {
            await Task.Delay(flushInterval);
            while (stored < changed)
            {
                var generation = changed;
                // The stored state is a snapshot, so contributions applied while the write is in flight cannot change it mid-serialisation.
                state.State = new ExperimentShardState { Users = [.. users.Values] };
                try
                {
                    await state.WriteStateAsync();
                }
                catch (InconsistentStateException)
                {
                    // Another activation wrote this shard (a failover overlap): reload from storage on the next call.
                    DeactivateOnIdle();
                    throw;
                }
                stored = generation;
            }
        }
        finally
        {
            writing = null;
        }
    }

    private ArmSums Arm(string name)
    {
        if (!arms.TryGetValue(name, out var sums)) arms[name] = sums = new ArmSums(name);
        return sums;
    }
}
