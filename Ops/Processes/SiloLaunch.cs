using Botify.Catalogs.Redis;

namespace Botify.Ops.Processes;

/// <summary>
/// One standalone silo of the cluster: Redis membership and storage (handed over in the child's environment); dashboard and
/// /health on its management listener at <see cref="AdminPort"/> (loopback).
/// </summary>
public sealed record SiloLaunch(string Assembly, RedisConnection Redis, int SiloPort, int OrleansGatewayPort, int AdminPort);
