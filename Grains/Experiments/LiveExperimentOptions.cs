namespace Botify.Grains.Experiments;

/// <summary>The live experiment aggregate ("Botify:LiveExperiments"): user grains report closed sessions to sharded aggregate grains.</summary>
public sealed class LiveExperimentOptions
{
    /// <summary>Off: user grains keep no tally and send nothing (the event log and `Lab ab` are unaffected).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Aggregate shards per experiment (a user reports to one, by a hash of its id). Fixed for an experiment's life:
    /// a new count moves users to other shards, so change it only together with the experiment's name.
    /// </summary>
    public int Shards { get; set; } = 8;

    /// <summary>A shard gathers the contributions that arrive within this window into one storage write.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a user grain waits for a shard to confirm a contribution before it tries again.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Wait before the first retry of an unconfirmed contribution; doubled each time.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Tries per closed session while the grain is active; after that the next closed session or activation sends again.</summary>
    public int MaxAttempts { get; set; } = 6;
}
