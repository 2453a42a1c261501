namespace Botify.Hosting;

/// <summary>
/// Cluster mode (separate silo processes, gateways as Orleans clients), bound from the "Botify"
/// section beside <see cref="BotifySiloOptions"/>: `--cluster`, `--dashboard-port`, `--advertise`.
/// </summary>
public sealed class BotifyClusterOptions
{
    public const string Section = "Botify";

    /// <summary>The gateway is an Orleans client of silos found through Redis clustering (needs --redis).</summary>
    public bool Cluster { get; set; }

    /// <summary>HTTP port of a standalone silo: the Orleans dashboard at /dashboard and /health.</summary>
    public int DashboardPort { get; set; } = 8080;

    /// <summary>IP address the silo advertises to peers and clients; empty = 127.0.0.1 when Redis is on loopback, else this host's address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>How long a silo waits for a probe answer before counting it missed (small: a dead silo is declared within seconds).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Missed probes before a silo votes another one dead.</summary>
    public int MissedProbesLimit { get; set; } = 2;

    /// <summary>How often a gateway re-reads the silo list from Redis (silos that join are used within this time).</summary>
    public TimeSpan GatewayListRefresh { get; set; } = TimeSpan.FromSeconds(2);
}
