namespace Botify.Ops.Cluster;

/// <summary>
/// One process of the cluster: its name (redis, silo-2, gateway-1, nginx), kind, index (1-based for silos and gateways), port and, for silos
/// and gateways, the port of its management listener (a silo's is its only HTTP port).
/// </summary>
public sealed record ClusterMember(string Name, MemberKind Kind, int Index, int Port, int? AdminPort = null)
{
    /// <summary>What its command line contains (a recorded pid is signalled only while it does).</summary>
    public string Marker => Kind switch
    {
        MemberKind.Redis => "redis-server",
        MemberKind.Silo => "Silo.dll",
        MemberKind.Gateway => "Gateway.dll",
        _ => "nginx",
    };

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>The management listener (dashboard, /user, detailed /health); the public URL for Redis and nginx, which have none.</summary>
    public string AdminUrl => AdminPort is { } port ? $"http://127.0.0.1:{port}" : Url;
}
