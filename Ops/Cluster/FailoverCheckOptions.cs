namespace Botify.Ops.Cluster;

/// <summary>What `cluster failover-check` does; its defaults, written once.</summary>
public sealed record FailoverCheckOptions
{
    public int Episodes { get; init; } = 3000;

    /// <summary>World folder of the simulator; null = data/world-42.</summary>
    public string? World { get; init; }

    public TimeSpan KillAfter { get; init; } = TimeSpan.FromSeconds(6);
    public int ProbeUsers { get; init; } = 30;
    public long SimulatorSeed { get; init; } = 7;
}
