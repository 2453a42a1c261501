using System.Diagnostics;
using Botify.Catalogs.Redis;
using Botify.Lab.Publishing;
using Botify.Ops.Processes;
using Botify.Ops.Service;
using Botify.Ops.Tools;
using Botify.Sim.Commands;
using Botify.Sim.Listening;
using Botify.Sim.World;
using Spectre.Console;
using StackExchange.Redis;

namespace Botify.Ops.Bench;

/// <summary>
/// The performance benchmark, all figures side by side in one run: the ceiling (bare Kestrel), POST /next in single-machine mode
/// (StickyArtist, Session, Session in memory, a 50/50 experiment; real Redis write-through, event log on) under wrk, 10,000 A/B
/// episodes through HTTP (the simulator in-process), and the service's memory. Writes bench/results/&lt;date&gt;-&lt;commit&gt;.md and latest.md.
/// </summary>
public sealed class Benchmark(BenchOptions options, RepositoryLayout repo, IAnsiConsole console)
{
    private const int Stages = 6;

    private readonly StageReporter stages = new(console, Stages);
    private readonly ServiceClient client = new();
    private readonly List<BenchRow> rows = [];
    private string run = "";
    private string tables = "";
    private ChildProcess? redisProcess;

    public async Task<int> RunAsync(CancellationToken cancellation)
    {
        try
        {
            return await BenchRun.RunAsync(repo, "run", TimeSpan.FromSeconds(10), (processes, data, folder) =>
            {
                run = folder;
                return StagesAsync(processes, data, cancellation);
            }, cancellation);
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task StagesAsync(ProcessSet processes, string data, CancellationToken cancellation)
    {
        stages.Begin(0, "tools");
        List<DebianTool> tools = [DebianTool.Wrk];
        if (options.Redis is null) tools.Add(DebianTool.RedisServer);
        await DebianTools.EnsureAsync(tools, Console.Out, cancellation);
        var redisTool = options.Redis is null ? DebianTools.Find(DebianTools.RedisServer) : "external redis " + ExternalRedis.From(options.Redis).Display;
        stages.Say($"{DebianTools.Find("wrk")}, {redisTool}, .NET {Environment.Version}");
        stages.Done();

        stages.Begin(1, "build (Release)");
        var gateway = repo.AssemblyOf("Gateway");
        var ceiling = repo.AssemblyOf(Path.Combine("bench", "Ceiling"));
        stages.Say(Environment.GetEnvironmentVariable(OpsEnvironment.BuildSeconds) is { Length: > 0 } seconds
            ? $"Ops with Gateway and bench/Ceiling built by the script in {seconds} s"
            : $"using the binaries in {Path.GetDirectoryName(gateway)} and {Path.GetDirectoryName(ceiling)}");
        stages.Done();

        stages.Begin(2, $"world (seed {options.Seed}) and synthetic tables for {options.Users} users");
        var worldOptions = new WorldOptions { Seed = options.Seed };
        var worldDir = WorldFolder.PathFor(repo, worldOptions);
        WorldFolder.Ensure(worldDir, worldOptions, stages.Say);
        var world = WorldFiles.Load(worldDir);
        tables = Path.Combine(data, $"tables-{options.Seed}-{options.Users}");
        stages.Say(SyntheticTables.Ensure(tables, worldDir, world.TrackCount, options));
        stages.Done();

        stages.Begin(3, "Redis and catalog");
        var redis = await StartRedisAsync(processes, cancellation);
        var publishLog = new StringWriter();
        var quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(publishLog), Ansi = AnsiSupport.No });
        var outcome = await CatalogPublishRun.PublishAsync(PublishSettings.To(redis, tables), quiet, publishLog, cancellation);
        await File.WriteAllTextAsync(Path.Combine(run, "publish.out"), publishLog.ToString(), cancellation);
        if (outcome.ExitCode != 0) throw new OpsException($"publishing the catalog failed:\n{publishLog}");
        stages.Say($"published {tables} (version {outcome.Version})");
        var admin = redis.Options();
        admin.ConnectTimeout = 5000;
        admin.AllowAdmin = true;
        await using var redisConnection = await ConnectionMultiplexer.ConnectAsync(admin);
        var server = redisConnection.GetServers()[0];
        var redisBefore = await RedisMemory.UsedAsync(server);
        stages.Done();

        stages.Begin(4, $"wrk: ceiling and POST /next (warm-up {options.WarmupSeconds}s + {options.DurationSeconds}s each)");
        var ceilingUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var ceilingProcess = processes.Start(ServiceLauncher.Ceiling(ceiling, ceilingUrl, Path.Combine(run, "ceiling.out")));
        await Readiness.WaitAsync($"the ceiling answering {ceilingUrl}/health", options.StartTimeout,
            async c => await client.StatusAsync(ceilingUrl + "/health", c) == 200, ceilingProcess, cancellation);
        await WrkAsync(processes, "ceiling", ceilingUrl, ceilingProcess, countRedis: false, healthUrl: null, "bare Kestrel, same JSON shape", cancellation);
        await processes.StopAsync(ceilingProcess);

        string[] none = ["--Botify:ServingExperiment=none"];
        await GatewayScenarioAsync(processes, gateway, "sticky", "next-sticky", redis, [.. none, "--Botify:DefaultRecommender=StickyArtist"], true,
            "StickyArtist, Redis write-through, event log", cancellation);
        await GatewayScenarioAsync(processes, gateway, "session", "next-session", redis, [.. none, "--Botify:DefaultRecommender=Session"], true,
            "Session (gcf/lfm tables), Redis write-through, event log", cancellation);
        // Not a target: the same with in-memory grain storage, to show what the Redis write-through costs in this run.
        await GatewayScenarioAsync(processes, gateway, "session-memory", "next-session-mem", null,
            ["--catalog", tables, .. none, "--Botify:DefaultRecommender=Session"], false,
            "the same, in-memory grain storage (no Redis; for comparison only)", cancellation);
        string[] ab = ["--Botify:Experiments:0:Name=SESSION", "--Botify:Experiments:0:Arms:C=StickyArtist", "--Botify:Experiments:0:Arms:T1=Session"];
        var (abGateway, abUrl, abAdmin) = await StartGatewayAsync(processes, gateway, "ab", redis, ab, cancellation);
        await WrkAsync(processes, "next-ab", abUrl, abGateway, countRedis: true, healthUrl: abAdmin,
            "experiment SESSION: C StickyArtist / T1 Session", cancellation);
        stages.Done();

        stages.Begin(5, $"simulator: {options.Episodes} A/B episodes through HTTP (same gateway)");
        var simulator = await SimulateAsync(world, abUrl, abAdmin, abGateway, cancellation);
        stages.Done();

        stages.Begin(6, "resources");
        var (peak, current) = ProcessTable.Memory(abGateway.Pid);
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: options.UserStateKeys, pageSize: 1000)) keys.Add(key);
        long sampled = 0;
        var sample = keys.Take(options.MemorySample).ToList();
        foreach (var key in sample) sampled += await RedisMemory.UsageAsync(redisConnection.GetDatabase(), key);
        var perKey = sample.Count == 0 ? 0 : sampled / sample.Count;
        var redisAfter = await RedisMemory.UsedAsync(server);
        await processes.StopAsync(abGateway);
        var resources = new BenchResources(peak, current, redisAfter - redisBefore, keys.Count, perKey);
        stages.Say($"service RSS peak {peak / 1048576} MB (now {current / 1048576} MB); "
            + $"{keys.Count} user keys in Redis, {perKey} B each (MEMORY USAGE, {sample.Count} sampled)");
        stages.Done();

        var commit = GitCommit.Short(repo.Root);
        var report = new BenchReport(rows, resources, simulator, options, commit, GitCommit.ServiceDirty(repo.Root), MachineDescription.Now(), DateTime.UtcNow)
        {
            TrackRows = world.TrackCount,
        };
        var name = $"{report.FinishedUtc:yyyy-MM-ddTHHmm}-{commit}.md";
        var path = repo.InRoot("bench", "results", name);
        await File.WriteAllTextAsync(path, report.Markdown(), cancellation);
        File.Copy(path, repo.InRoot("bench", "results", "latest.md"), overwrite: true);

        console.Line();
        var dirty = report.Dirty ? " (+ uncommitted changes)" : "";
        console.MarkupLine($"[bold]Benchmark[/] (commit {commit}{dirty}; {Markup.Escape(report.Machine)} at the end)");
        console.Line();
        foreach (var line in report.Terminal().TrimEnd('\n').Split('\n')) console.Line(line);
        console.Line();
        console.Line($"written to bench/results/{name} and bench/results/latest.md (total {stages.Elapsed.TotalSeconds:0} s)");
    }

    private async Task<RedisConnection> StartRedisAsync(ProcessSet processes, CancellationToken cancellation)
    {
        if (options.Redis is { } configured)
        {
            var given = ExternalRedis.From(configured);
            if (await ExternalRedis.ProblemAsync(given, cancellation) is { } problem)
                throw new OpsException($"{problem}; start one there or leave the option out");
            stages.Say($"Redis at {given.Display} (not flushed; user state of earlier runs stays)");
            return given;
        }

        var port = FreePort.Next();
        var address = $"127.0.0.1:{port}";
        var dir = Path.Combine(run, "redis");
        redisProcess = processes.Start(ServiceLauncher.Redis("redis-server", port, dir, Path.Combine(dir, "redis.log")));
        await Readiness.WaitAsync($"redis-server answering PING on {address}", TimeSpan.FromSeconds(10), c => RedisProbe.PingAsync(address, c),
            redisProcess, cancellation);
        stages.Say($"throwaway redis-server on {address} (stopped at the end)");
        return RedisConnection.Create(address);
    }

    // The admin listener is there as in production (its routing policy is part of what is measured); GC readings come from its /health.
    private async Task<(ChildProcess Process, string Url, string Admin)> StartGatewayAsync(ProcessSet processes, string assembly, string name,
        RedisConnection? redis, string[] experiment, CancellationToken cancellation)
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var adminUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var launch = new GatewayLaunch(assembly, url, adminUrl, Path.Combine(run, "log"), $"bench-{name}")
        {
            Redis = redis,
            SiloPort = FreePort.Next(),
            OrleansGatewayPort = FreePort.Next(),
            Extra = [.. experiment, .. options.GatewayExtra],
        };
        var gateway = processes.Start(ServiceLauncher.Gateway($"gateway-{name}", launch, Path.Combine(run, $"gateway-{name}.out")));
        await Readiness.WaitAsync($"gateway-{name} ready at {adminUrl}/health", options.StartTimeout,
            async c => (await client.GatewayHealthAsync(adminUrl, c)).Body is { IsReady: true }, gateway, cancellation);
        return (gateway, url, adminUrl);
    }

    private async Task GatewayScenarioAsync(ProcessSet processes, string assembly, string name, string row, RedisConnection? redis, string[] args,
        bool countRedis, string note, CancellationToken cancellation)
    {
        var (gateway, url, adminUrl) = await StartGatewayAsync(processes, assembly, name, redis, args, cancellation);
        await WrkAsync(processes, row, url, gateway, countRedis, adminUrl, note, cancellation);
        await processes.StopAsync(gateway);
    }

    /// <summary>Warm-up window, then the measured one with CPU and GC readings around it; adds the scenario's row.</summary>
    private async Task WrkAsync(ProcessSet processes, string name, string url, ChildProcess service, bool countRedis, string? healthUrl, string note,
        CancellationToken cancellation)
    {
        if (options.WarmupSeconds > 0)
        {
            stages.Say($"{name}: warm-up {options.WarmupSeconds}s");
            await WrkWindowAsync(processes, $"wrk-{name}-warmup.out", url, options.WarmupSeconds, cancellation);
        }
        stages.Say($"{name}: measuring {options.DurationSeconds}s, {options.Connections} connections (load average {MachineDescription.LoadAverage()})");
        int[] measured = countRedis && redisProcess is not null ? [service.Pid, redisProcess.Pid] : [service.Pid];
        var cpuBefore = Cpu(measured);
        var gcBefore = healthUrl is null ? null : (await client.GatewayHealthAsync(healthUrl, cancellation)).Body?.Process;
        var result = await WrkWindowAsync(processes, $"wrk-{name}.out", url, options.DurationSeconds, cancellation);
        var cpu = Cpu(measured) - cpuBefore;
        var gcAfter = healthUrl is null ? null : (await client.GatewayHealthAsync(healthUrl, cancellation)).Body?.Process;
        var (pause, collections) = GcWindow.Between(gcBefore, gcAfter);
        var row = new BenchRow(name, result.RequestsPerSecond, result.P50Microseconds / 1000.0, result.P99Microseconds / 1000.0, result.Errors,
            result.Requests > 0 ? cpu.TotalMicroseconds / result.Requests : 0, pause, collections, note);
        rows.Add(row);
        stages.Say($"{row.RequestsPerSecond:0} requests/s, p50 {row.P50Ms:0.00} ms, p99 {row.P99Ms:0.00} ms, errors {row.Errors}, "
            + $"{row.CpuMicrosecondsPerRequest:0} µs CPU per request, "
            + $"GC paused {(pause is { } p ? $"{p:0.0} %" : "-")} of the window ({collections?.ToString() ?? "-"} collections)");
    }

    private Task<WrkResult> WrkWindowAsync(ProcessSet processes, string output, string url, int seconds, CancellationToken cancellation) =>
        new WrkRunner(processes, repo, options, run).RunAsync(output, url, seconds, Path.Combine(tables, SyntheticTables.TrackList), options.Users,
            cancellation);

    private async Task<SimulatorFigures> SimulateAsync(SimWorld world, string url, string admin, ChildProcess gateway, CancellationToken cancellation)
    {
        int[] measured = redisProcess is null ? [gateway.Pid] : [gateway.Pid, redisProcess.Pid];
        var cpuBefore = Cpu(measured);
        var gcBefore = (await client.GatewayHealthAsync(admin, cancellation)).Body?.Process;
        var wall = Stopwatch.StartNew();
        var summary = await RunCommand.PlayAgainstGatewayAsync(world, new ListenerModelOptions(), url, options.Episodes, options.Seed,
            cancellation: cancellation);
        wall.Stop();
        var cpu = Cpu(measured) - cpuBefore;
        var gcAfter = (await client.GatewayHealthAsync(admin, cancellation)).Body?.Process;
        await RunCommand.WriteSummaryAsync(summary, Path.Combine(run, "sim.json"), cancellation);
        long errors = 0;
        foreach (var count in summary.Errors.Values) errors += count;
        var figures = new SimulatorFigures(options.Episodes, summary.ElapsedSeconds, wall.Elapsed.TotalSeconds, summary.Requests, errors,
            summary.FailedEpisodes);
        var (pause, collections) = GcWindow.Between(gcBefore, gcAfter);
        rows.Add(new BenchRow("sim-ab", summary.RequestsPerSecond, summary.LatencyP50Ms, summary.LatencyP99Ms, errors + summary.FailedEpisodes,
            summary.Requests > 0 ? cpu.TotalMicroseconds / summary.Requests : 0, pause, collections,
            $"{options.Episodes} episodes in {summary.ElapsedSeconds:0.0} s ({figures.EpisodesPerSecond:0} episodes/s, "
            + $"{summary.Requests} requests, /next + /last)"));
        stages.Say($"{options.Episodes} episodes in {summary.ElapsedSeconds:0.0} s (wall {figures.WallSeconds:0.0} s), "
            + $"{figures.EpisodesPerSecond:0} episodes/s, "
            + $"{summary.RequestsPerSecond:0} requests/s, errors {errors}, failed episodes {summary.FailedEpisodes}");
        return figures;
    }

    private static TimeSpan Cpu(int[] pids)
    {
        var total = TimeSpan.Zero;
        foreach (var pid in pids) total += ProcessTable.CpuTime(pid);
        return total;
    }
}
