namespace Botify.Ops.Processes;

/// <summary>One standalone silo of the cluster: Redis membership and storage; dashboard and /health on <see cref="DashboardPort"/>.</summary>
public sealed record SiloLaunch(string Assembly, string Redis, int SiloPort, int OrleansGatewayPort, int DashboardPort);
