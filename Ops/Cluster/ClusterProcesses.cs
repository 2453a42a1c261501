using Botify.Catalogs.Redis;
using Botify.Ops.Processes;
using Botify.Ops.Tools;

namespace Botify.Ops.Cluster;

/// <summary>The command line of each cluster member (through <see cref="ServiceLauncher"/>); all detached, so they outlive `up`.</summary>
public static class ClusterProcesses
{
    public static ProcessSpec Spec(ClusterLayout layout, ClusterMember member)
    {
        var log = Path.Combine(layout.LogDirectory, member.Name + ".log");
        return member.Kind switch
        {
            MemberKind.Redis => ServiceLauncher.Redis(member.Name, layout.RedisPort, Path.Combine(layout.Directory, "redis"), log, detached: true),
            MemberKind.Silo => ServiceLauncher.Silo(member.Name,
                new SiloLaunch(Path.Combine(layout.SiloBinaries, "Silo.dll"), RedisConnection.Create(layout.Redis), layout.SiloPort(member.Index),
                    layout.SiloGatewayPort(member.Index), layout.DashboardPort(member.Index)), log, detached: true),
            MemberKind.Gateway => ServiceLauncher.Gateway(member.Name,
                new GatewayLaunch(Path.Combine(layout.GatewayBinaries, "Gateway.dll"), member.Url, member.AdminUrl, layout.EventLogDirectory,
                    $"gw-{member.Port}")
                {
                    Cluster = true,
                    Redis = RedisConnection.Create(layout.Redis),
                }, log, detached: true),
            _ => ServiceLauncher.Nginx(member.Name, DebianTools.Find(DebianTool.Nginx.Command) ?? DebianTool.Nginx.Command, layout.NginxPrefix,
                layout.NginxConfig, log, detached: true),
        };
    }
}
