using System.Diagnostics;
using Botify.Lab.Publishing;
using Botify.Ops.Processes;
using Botify.Ops.Service;
using Botify.Ops.Tools;
using Botify.Sim.World;
using Spectre.Console;

namespace Botify.Ops.Cluster;

/// <summary>
/// `cluster up`: Redis, the silos, the gateways and nginx, each waited for; then a catalog published and waited for on every silo
/// and gateway, and a first `/next` through nginx. When anything fails, what this run started is stopped again.
/// </summary>
public sealed class ClusterUp(ClusterLayout layout, RepositoryLayout repo, IAnsiConsole console, ServiceClient client)
{
    public bool NoBuild { get; init; }

    /// <summary>Folder to publish; null = the default world's (data/world-42, generated when missing).</summary>
    public string? Catalog { get; init; }

    public bool NoCatalog { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan CatalogTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public async Task<int> RunAsync(CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var pids = new PidFiles(layout.PidDirectory);
        foreach (var member in layout.Members())
        {
            if (pids.Running(member) is { } pid)
                throw new OpsException($"{member.Name} is already running (pid {pid}); stop the cluster first: ./cluster.sh down{DirArgument()}");
        }
        foreach (var (port, what) in layout.Ports())
        {
            if (FreePort.InUse(port)) throw new OpsException($"port {port} (for {what}) is in use by another program; pick another --base-port");
        }

        await DebianTools.EnsureAsync([DebianTool.RedisServer, DebianTool.Nginx], Console.Out, cancellation);
        Directory.CreateDirectory(layout.PidDirectory);
        Directory.CreateDirectory(layout.LogDirectory);
        KeepPreviousEventLog();
        Directory.CreateDirectory(layout.EventLogDirectory);
        CopyBinaries();
        layout.Save();

        await using var processes = new ProcessSet(TimeSpan.FromSeconds(20));
        try
        {
            await StartAllAsync(processes, pids, cancellation);
            (string Version, int Tracks, int? Track)? serving = NoCatalog ? null : await PublishAsync(cancellation);
            var sample = serving is { Track: { } track } ? await SampleAsync(track, cancellation) : null;
            PrintSummary(serving, sample, clock.Elapsed);
            processes.Release(); // up succeeded: the cluster runs on after this command
            return 0;
        }
        catch
        {
            console.Line("    stopping what this run started");
            foreach (var member in layout.Members()) pids.Remove(member.Name);
            throw;
        }
    }

    /// <summary>
    /// The new cluster starts on an empty Redis: an earlier cluster's event log describes state that is gone (failover-check would count
    /// it as lost), but it is an A/B record, so it is moved aside, not deleted.
    /// </summary>
    private void KeepPreviousEventLog()
    {
        if (!Directory.Exists(layout.EventLogDirectory) || !Directory.EnumerateFileSystemEntries(layout.EventLogDirectory).Any()) return;
        var kept = Path.Combine(layout.Directory, $"log-before-{DateTime.UtcNow:yyyyMMddTHHmmss}");
        Directory.Move(layout.EventLogDirectory, kept);
        console.Line($"    the previous cluster's event log moved to {kept}");
    }

    private void CopyBinaries()
    {
        // The cluster runs from its own copy, so a later build of the repository does not swap files under running processes.
        foreach (var (project, target) in new[] { ("Silo", layout.SiloBinaries), ("Gateway", layout.GatewayBinaries) })
        {
            var assembly = Path.Combine(target, project + ".dll");
            if (NoBuild && File.Exists(assembly))
            {
                console.Line($"    {project}: the binaries already in {target} (--no-build)");
                continue;
            }
            var source = Path.GetDirectoryName(repo.AssemblyOf(project))!;
            if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
            CopyFolder(source, target);
            console.Line($"    {project}: copied {source} to {target}");
        }
    }

    private async Task StartAllAsync(ProcessSet processes, PidFiles pids, CancellationToken cancellation)
    {
        var members = layout.Members();
        var redis = Start(processes, pids, members[0]);
        await Readiness.WaitAsync($"redis answering PING on {layout.Redis}", TimeSpan.FromSeconds(10), c => RedisProbe.PingAsync(layout.Redis, c), redis,
            cancellation);
        console.Line($"    redis      {layout.Redis} up (pid {redis.Pid})");

        // Silos start together (each joins the membership in Redis), then gateways, then nginx.
        foreach (var kind in new[] { MemberKind.Silo, MemberKind.Gateway })
        {
            var started = members.Where(m => m.Kind == kind).Select(m => (Member: m, Process: Start(processes, pids, m))).ToList();
            foreach (var (member, process) in started)
            {
                var probe = kind == MemberKind.Silo
                    ? (Func<CancellationToken, Task<bool>>)(async c => (await client.SiloHealthAsync(member.Url, c)).Answered)
                    : async c => await client.StatusAsync(member.Url + "/", c) == 200;
                await Readiness.WaitAsync($"{member.Name} answering {member.Url}", StartTimeout, probe, process, cancellation);
                console.Line($"    {member.Name,-10} {member.Url} up (pid {process.Pid})");
            }
        }

        Directory.CreateDirectory(layout.NginxPrefix);
        await File.WriteAllTextAsync(layout.NginxConfig, NginxConfig.Render(layout), cancellation);
        var nginx = Start(processes, pids, members[^1]);
        await Readiness.WaitAsync($"nginx answering {layout.ServiceUrl}", TimeSpan.FromSeconds(10),
            async c => await client.StatusAsync(layout.ServiceUrl + "/", c) == 200, nginx, cancellation);
        console.Line($"    nginx      {layout.ServiceUrl} up (pid {nginx.Pid})");
    }

    private ChildProcess Start(ProcessSet processes, PidFiles pids, ClusterMember member)
    {
        var process = processes.Start(ClusterProcesses.Spec(layout, member));
        pids.Write(member.Name, process.Pid);
        return process;
    }

    /// <summary>Publishes the catalog in-process (Lab publish) and waits until every silo and gateway serves it; the version and a track.</summary>
    private async Task<(string Version, int Tracks, int? Track)> PublishAsync(CancellationToken cancellation)
    {
        var folder = Catalog ?? DefaultCatalog();
        console.Line($"    publishing the catalog {folder}");
        var outcome = await CatalogPublishRun.PublishAsync(new PublishSettings(layout.Redis, folder), console, Console.Error, cancellation);
        if (outcome.ExitCode != 0 || outcome.Version is not { } version)
            throw new OpsException(
                $"publishing {folder} to {layout.Redis} failed (the reason is above); pass another --catalog DIR, or --no-catalog for an empty cluster");

        foreach (var member in layout.Members())
        {
            if (member.Kind is not (MemberKind.Silo or MemberKind.Gateway)) continue;
            string seen = "no answer";
            await Readiness.WaitAsync($"{member.Name} serving catalog version {version}", CatalogTimeout, async c =>
            {
                if (member.Kind == MemberKind.Silo)
                {
                    var silo = (await client.SiloHealthAsync(member.Url, c)).Body;
                    seen = silo?.Describe() ?? "no answer";
                    return silo?.CatalogVersion == version;
                }
                var gateway = (await client.GatewayHealthAsync(member.AdminUrl, c)).Body;
                seen = gateway?.Describe() ?? "no answer";
                return gateway is { IsReady: true } && gateway.CatalogVersion == version;
            }, null, cancellation, () => seen + $"; see {Path.Combine(layout.LogDirectory, member.Name + ".log")}");
        }
        console.Line($"    every silo and gateway serves catalog version {version}");
        return (version, outcome.Tracks, outcome.SampleTrack);
    }

    private string DefaultCatalog()
    {
        var world = new WorldOptions { Seed = 42 };
        var folder = WorldFolder.PathFor(repo, world);
        WorldFolder.Ensure(folder, world, line => console.Line("    " + line));
        return folder;
    }

    /// <summary>A first `POST /next/1` through nginx: the cluster serves when it answers 200.</summary>
    private async Task<string> SampleAsync(int track, CancellationToken cancellation)
    {
        var (status, body, recommender) = await client.NextAsync(layout.ServiceUrl, 1, track, 0.5, cancellation);
        if (status != 200)
        {
            var answered = status == 0 ? "nothing" : status.ToString();
            throw new OpsException($"the first POST /next/1 through nginx answered {answered}: {body}; see {layout.LogDirectory}");
        }
        var header = recommender is null ? "" : $" (X-Botify-Recommender: {recommender})";
        return $"POST /next/1 {{\"track\":{track},\"time\":0.5}} through nginx → 200 {body.Trim()}{header}";
    }

    private void PrintSummary((string Version, int Tracks, int? Track)? serving, string? sample, TimeSpan elapsed)
    {
        console.Line();
        var sizes = $"{Plural(layout.Silos, "silo")}, {Plural(layout.Gateways, "gateway")}";
        console.Line($"botify cluster up ({sizes}) in {elapsed.TotalSeconds:0} s — folder {layout.Directory}");
        console.Line($"  service (nginx):  {layout.ServiceUrl}");
        for (var i = 1; i <= layout.Gateways; i++)
        {
            var port = layout.GatewayPort(i);
            console.Line($"  gateway-{i}:        http://127.0.0.1:{port}  "
                + $"admin http://127.0.0.1:{layout.GatewayAdminPort(i)} (/user, detailed /health, /experiments)  "
                + $"(event log {layout.EventLogDirectory}/events-gw-{port}-*.jsonl)");
        }
        for (var i = 1; i <= layout.Silos; i++)
        {
            var ports = $"silo port {layout.SiloPort(i)}, gateway port {layout.SiloGatewayPort(i)}";
            console.Line($"  silo-{i} admin:     http://127.0.0.1:{layout.DashboardPort(i)}/dashboard, /health  ({ports})");
        }
        console.Line("  (admin listeners are on loopback only; nginx serves the public API: /, /track, /next, /last, /health)");
        console.Line($"  Redis:            {layout.Redis}");
        console.Line($"  logs:             {layout.LogDirectory}/{{redis,silo-N,gateway-N,nginx-error}}.log");
        console.Line($"  publish:          dotnet Lab/bin/Release/net10.0/Lab.dll publish --redis {layout.Redis} --data DIR");
        console.Line($"  simulate:         dotnet Sim/bin/Release/net10.0/Sim.dll run --gateway {layout.ServiceUrl} --world DIR");
        console.Line($"  status, stop:     ./cluster.sh status{DirArgument()}, ./cluster.sh down{DirArgument()}");
        console.Line();
        if (serving is { } s)
        {
            console.Line($"It serves: catalog version {s.Version} ({s.Tracks:N0} tracks) on every silo and gateway;");
            if (sample is not null) console.Line($"  {sample}");
        }
        else
        {
            console.Line("No catalog published (--no-catalog): /next answers 503 until one is; publish one with the command above.");
        }
    }

    private string DirArgument() => layout.Directory == repo.InRoot(".cluster") ? "" : $" --dir {layout.Directory}";

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static void CopyFolder(string source, string target)
    {
        foreach (var dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, dir)));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)));
    }
}
