using Botify.Catalogs.Redis;
using Botify.Ops.Service;
using Spectre.Console;
using StackExchange.Redis;

namespace Botify.Ops.Cluster;

/// <summary>`cluster status`: the catalog version current in Redis and, per process, pid, state, port and health.</summary>
public sealed class ClusterStatus(ClusterLayout layout, IAnsiConsole console, ServiceClient client)
{
    public async Task<int> RunAsync(CancellationToken cancellation)
    {
        var pids = new PidFiles(layout.PidDirectory);
        var members = layout.Members();
        var redisRunning = pids.Running(members[0]) is not null;
        console.Line($"cluster in {layout.Directory}: {layout.Silos} silos, {layout.Gateways} gateways, base port {layout.BasePort}");
        console.Line("catalog: " + (redisRunning ? await CurrentCatalogAsync() : "- (Redis is not running)"));
        console.Line($"{"NAME",-10} {"PID",-8} {"STATE",-8} {"PORT",-6} HEALTH");
        var all = true;
        foreach (var member in members)
        {
            var pid = pids.Running(member);
            var running = pid is not null;
            all &= running;
            var health = running ? await HealthAsync(member, cancellation) : "-";
            var shownPid = (pid ?? pids.Read(member.Name))?.ToString() ?? "-";
            var admin = member.AdminPort is null ? "" : $"  admin {member.AdminUrl}";
            console.Line($"{member.Name,-10} {shownPid,-8} {(running ? "running" : "stopped"),-8} {member.Port,-6} {health}{admin}");
        }
        return all ? 0 : 3;
    }

    private async Task<string> CurrentCatalogAsync()
    {
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync($"{layout.Redis},connectTimeout=2000,abortConnect=true");
            var version = await new RedisCatalogStore(redis).GetCurrentVersionAsync();
            return version is null
                ? $"none published yet in Redis {layout.Redis} (/next answers 503; publish one, see ./cluster.sh up)"
                : $"version {version} current in Redis {layout.Redis}";
        }
        catch (RedisException e)
        {
            return $"unknown (Redis {layout.Redis}: {e.Message})";
        }
    }

    private async Task<string> HealthAsync(ClusterMember member, CancellationToken cancellation)
    {
        switch (member.Kind)
        {
            case MemberKind.Redis:
                return await RedisProbe.PingAsync(layout.Redis, cancellation) ? "PONG" : "no PING answer";
            case MemberKind.Silo:
                var silo = await client.SiloHealthAsync(member.Url, cancellation);
                return silo.Body?.Describe() ?? $"/health: {silo.Problem}";
            case MemberKind.Gateway:
                var gateway = await client.GatewayHealthAsync(member.AdminUrl, cancellation);
                return gateway.Body is { } g ? $"HTTP {gateway.StatusCode} {g.Describe()}" : $"/health: {gateway.Problem}";
            default:
                var through = await client.GatewayHealthAsync(member.Url, cancellation);
                return through.Body is { } n ? $"HTTP {through.StatusCode} via nginx: {n.Status} (the public /health says the status only)"
                    : $"/health via nginx: {through.Problem}";
        }
    }
}
