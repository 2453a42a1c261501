using Botify.Catalogs.Redis;

namespace Botify.Ops.Processes;

/// <summary>
/// One gateway to start: single machine (co-hosted silo on <see cref="SiloPort"/>/<see cref="OrleansGatewayPort"/>, storage in
/// <see cref="Redis"/> or in memory with <see cref="Catalog"/>) or, with <see cref="Cluster"/>, an Orleans client of the silos in Redis.
/// <see cref="AdminUrl"/> is its management listener (dashboard, /user, detailed /health).
/// </summary>
public sealed record GatewayLaunch(string Assembly, string Url, string AdminUrl, string LogDirectory, string Instance)
{
    /// <summary>Handed over in the child's environment (`BOTIFY_REDIS`), never on its command line, which every local user can read.</summary>
    public RedisConnection? Redis { get; init; }
    public string? Catalog { get; init; }
    public bool Cluster { get; init; }
    public int? SiloPort { get; init; }
    public int? OrleansGatewayPort { get; init; }

    /// <summary>Configuration switches (`--Botify:Experiments:0:Name=DAY1`, ...) and anything else passed through.</summary>
    public IReadOnlyList<string> Extra { get; init; } = [];
}
