using System.Globalization;
using Botify.Catalogs.Redis;
using Botify.Lab.Publishing;
using Botify.Ops.Processes;
using Botify.Ops.Service;
using Botify.Ops.Tools;
using Botify.Sim.World;
using Spectre.Console;
using StackExchange.Redis;

namespace Botify.Ops.Bench;

/// <summary>
/// The scale scenario (`./bench.sh --users 10000,100000,1000000`): the ceiling, then one gateway (single-machine mode, default
/// experiment, Redis write-through, event log on) brought to each number of distinct users in turn with one `POST /next` per new
/// user, and measured with wrk over uniform random users of those N. Prints one row per N and writes
/// bench/results/&lt;date&gt;-&lt;commit&gt;-scale.md and a PNG of the curve.
/// </summary>
public sealed class ScaleBenchmark(BenchOptions options, RepositoryLayout repo, IAnsiConsole console)
{
    /// <summary>Redis key of a user's state (README "Redis layout"; the service id is the default "botify").</summary>
    public static string UserKey(long user) => $"botify/state/user/{user}";

    private readonly StageReporter stages = new(console, 7 + options.ScaleUsers.Count + (options.ScaleIdle > TimeSpan.Zero ? 1 : 0));
    private readonly ServiceClient client = new(TimeSpan.FromSeconds(10));
    private string run = "";
    private string tables = "";

    public async Task<int> RunAsync(CancellationToken cancellation)
    {
        try
        {
            return await BenchRun.RunAsync(repo, "run-scale", TimeSpan.FromSeconds(30), (processes, data, folder) =>
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
        var stage = 0;
        stages.Begin(++stage, "tools");
        await DebianTools.EnsureAsync([DebianTool.Wrk, DebianTool.RedisServer], Console.Out, cancellation);
        stages.Say($"{DebianTools.Find("wrk")}, {DebianTools.Find(DebianTools.RedisServer)}, .NET {Environment.Version}");
        stages.Done();

        stages.Begin(++stage, "build (Release)");
        var gatewayAssembly = repo.AssemblyOf("Gateway");
        var ceilingAssembly = repo.AssemblyOf(Path.Combine("bench", "Ceiling"));
        stages.Say(Environment.GetEnvironmentVariable(OpsEnvironment.BuildSeconds) is { Length: > 0 } seconds
            ? $"Ops with Gateway and bench/Ceiling built by the script in {seconds} s"
            : $"using the binaries in {Path.GetDirectoryName(gatewayAssembly)} and {Path.GetDirectoryName(ceilingAssembly)}");
        stages.Done();

        stages.Begin(++stage, $"world (seed {options.Seed}) and synthetic tables ({options.ScaleTableUsers:N0} user rows)");
        var worldOptions = new WorldOptions { Seed = options.Seed };
        var worldDir = WorldFolder.PathFor(repo, worldOptions);
        WorldFolder.Ensure(worldDir, worldOptions, stages.Say);
        var world = WorldFiles.Load(worldDir);
        tables = Path.Combine(data, $"tables-{options.Seed}-{options.ScaleTableUsers}");
        stages.Say(SyntheticTables.Ensure(tables, worldDir, world.TrackCount, options with { Users = options.ScaleTableUsers }));
        var tracks = new int[world.TrackCount];
        for (var t = 0; t < tracks.Length; t++) tracks[t] = t;
        stages.Done();

        stages.Begin(++stage, "Redis and catalog");
        var port = FreePort.Next();
        var redis = $"127.0.0.1:{port}";
        var redisDir = Path.Combine(run, "redis");
        var redisProcess = processes.Start(ServiceLauncher.Redis("redis-server", port, redisDir, Path.Combine(redisDir, "redis.log")));
        await Readiness.WaitAsync($"redis-server answering PING on {redis}", TimeSpan.FromSeconds(10), c => RedisProbe.PingAsync(redis, c),
            redisProcess, cancellation);
        var publishLog = new StringWriter();
        var quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(publishLog), Ansi = AnsiSupport.No });
        var outcome = await CatalogPublishRun.PublishAsync(new PublishSettings(redis, tables), quiet, publishLog, cancellation);
        await File.WriteAllTextAsync(Path.Combine(run, "publish.out"), publishLog.ToString(), cancellation);
        if (outcome.ExitCode != 0) throw new OpsException($"publishing the catalog failed:\n{publishLog}");
        await using var redisConnection = await ConnectionMultiplexer.ConnectAsync($"{redis},connectTimeout=5000,syncTimeout=30000,allowAdmin=true");
        var server = redisConnection.GetServer(RedisProbe.Split(redis).Host, RedisProbe.Split(redis).Port);
        var baseRedis = await RedisMemory.UsedAsync(server);
        var baseKeys = await server.DatabaseSizeAsync();
        stages.Say($"throwaway redis-server on {redis}; published {tables} (version {outcome.Version}); used_memory {baseRedis / 1048576} MB");
        stages.Done();

        var wrk = new WrkRunner(processes, repo, options, run);
        var trackList = Path.Combine(tables, SyntheticTables.TrackList);
        stages.Begin(++stage, $"ceiling (bare Kestrel): warm-up {options.WarmupSeconds}s + {options.DurationSeconds}s");
        var ceilingUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var ceilingProcess = processes.Start(ServiceLauncher.Ceiling(ceilingAssembly, ceilingUrl, Path.Combine(run, "ceiling.out")));
        await Readiness.WaitAsync($"the ceiling answering {ceilingUrl}/health", options.StartTimeout,
            async c => await client.StatusAsync(ceilingUrl + "/health", c) == 200, ceilingProcess, cancellation);
        if (options.WarmupSeconds > 0) await wrk.RunAsync("wrk-ceiling-warmup.out", ceilingUrl, options.WarmupSeconds, trackList, 10_000, cancellation);
        var ceiling = await wrk.RunAsync("wrk-ceiling.out", ceilingUrl, options.DurationSeconds, trackList, 10_000, cancellation);
        await processes.StopAsync(ceilingProcess);
        stages.Say($"{ceiling.RequestsPerSecond:0} requests/s, p50 {ceiling.P50Microseconds / 1000.0:0.00} ms, p99 {ceiling.P99Microseconds / 1000.0:0.00} ms");
        stages.Done();

        stages.Begin(++stage, "gateway (single machine, default experiment, Redis write-through, event log on)");
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        // The management listener as in production; activations, GC and memory figures come from its detailed /health.
        var admin = $"http://127.0.0.1:{FreePort.Next()}";
        var launch = new GatewayLaunch(gatewayAssembly, url, admin, Path.Combine(run, "log"), "bench-scale")
        {
            Redis = RedisConnection.Create(redis),
            SiloPort = FreePort.Next(),
            OrleansGatewayPort = FreePort.Next(),
            Extra = options.ScaleIdle > TimeSpan.Zero
                ? [$"--Botify:IdleDeactivation={options.ScaleIdle.ToString("c", CultureInfo.InvariantCulture)}", .. options.GatewayExtra]
                : options.GatewayExtra,
        };
        var gateway = processes.Start(ServiceLauncher.Gateway("gateway-scale", launch, Path.Combine(run, "gateway-scale.out")));
        await Readiness.WaitAsync($"gateway-scale ready at {admin}/health", options.StartTimeout,
            async c => (await client.GatewayHealthAsync(admin, c)).Body is { IsReady: true }, gateway, cancellation);
        var baseRss = ProcessTable.Memory(gateway.Pid).Current;
        stages.Say($"ready at {url} (admin {admin}); RSS {baseRss / 1048576} MB before any user");
        stages.Done();

        var fill = new UserFill(url, tracks, options.FillConnections, options.WrkTimeout);
        var rows = new List<ScaleRow>();
        long reached = 0;
        foreach (var users in options.ScaleUsers)
        {
            stages.Begin(++stage, $"{users:N0} distinct users: fill, warm-up {options.WarmupSeconds}s, measure {options.DurationSeconds}s");
            stages.Say($"fill: one POST /next to each of users {reached:N0}..{users - 1:N0} ({options.FillConnections} connections)");
            var filled = await fill.FillAsync(reached, users, stages.Say, cancellation);
            reached = users;
            stages.Say($"  reached {filled.Reached:N0} new users in {filled.Seconds:0} s ({filled.UsersPerSecond:0} users/s), "
                + $"{filled.Failed} not reached{(filled.FirstError is { } e ? $" (first error: {e})" : "")}");
            if (options.WarmupSeconds > 0)
            {
                stages.Say($"warm-up {options.WarmupSeconds}s (random users of {users:N0})");
                await wrk.RunAsync($"wrk-{users}-warmup.out", url, options.WarmupSeconds, trackList, users, cancellation);
            }
            stages.Say($"measuring {options.DurationSeconds}s, {options.Connections} connections (load average {MachineDescription.LoadAverage()})");
            var before = (await client.GatewayHealthAsync(admin, cancellation)).Body?.Process;
            var result = await wrk.RunAsync($"wrk-{users}.out", url, options.DurationSeconds, trackList, users, cancellation);
            var after = (await client.GatewayHealthAsync(admin, cancellation)).Body?.Process;
            var row = await RowAsync(users, filled, result, before, after, gateway, server, baseKeys);
            rows.Add(row);
            var report = new ScaleReport(rows, ceiling, baseRss, baseRedis, new FullHistoryRecord(0, 0, 0, 0, ""), null, options, "", false, "",
                DateTime.UtcNow);
            stages.Say($"{result.RequestsPerSecond:0} requests/s ({report.Ratio(row):0} % of the ceiling), p50 {result.P50Microseconds / 1000.0:0.00} ms, "
                + $"p99 {result.P99Microseconds / 1000.0:0.0} ms, errors {result.Errors}, GC paused {(row.GcPausePercent is { } p ? $"{p:0.0} %" : "-")}, "
                + $"RSS {row.RssBytes / 1048576} MB ({report.RssPerUser(row):N0} B/user), activations {row.Activations?.ToString("N0") ?? "-"}");
            stages.Done();
        }

        stages.Begin(++stage, $"full-history records: {options.FullHistoryUsers} users × {options.FullHistoryPlays} plays, Redis MEMORY USAGE");
        var sample = new List<long>();
        for (long u = 0; u < options.FullHistoryUsers && u < reached; u++) sample.Add(u);
        var failures = await fill.PlayAsync(sample, options.FullHistoryPlays, cancellation);
        var database = redisConnection.GetDatabase();
        long min = long.MaxValue, max = 0, sum = 0;
        foreach (var user in sample)
        {
            var bytes = await RedisMemory.UsageAsync(database, UserKey(user));
            min = Math.Min(min, bytes);
            max = Math.Max(max, bytes);
            sum += bytes;
        }
        var example = RecordExample.Describe((byte[]?)await database.HashGetAsync(UserKey(sample.Count > 0 ? sample[0] : 0), "data"));
        var full = new FullHistoryRecord(sample.Count, sample.Count == 0 ? 0 : min, sample.Count == 0 ? 0 : sum / (double)sample.Count, max, example);
        stages.Say($"MEMORY USAGE {full.MinBytes}–{full.MaxBytes} B (mean {full.MeanBytes:0} B); {failures} failed requests; "
            + $"record of user {(sample.Count > 0 ? sample[0] : 0)}: {example.Split('\n')[^1]}");
        stages.Done();

        ScaleRow? idle = null;
        if (options.ScaleIdle > TimeSpan.Zero && rows.Count > 0)
        {
            stages.Begin(++stage, $"idle: no requests for {options.ScaleIdle.TotalMinutes:0} min (Botify:IdleDeactivation) and the collection quantum");
            idle = await IdleRowAsync(rows[^1], admin, gateway, server, baseKeys, cancellation);
            stages.Say($"activations {idle.Activations?.ToString("N0") ?? "-"}, RSS {idle.RssBytes / 1048576} MB, "
                + $"managed heap {(idle.HeapBytes ?? 0) / 1048576} MB");
            stages.Done();
        }
        await processes.StopAsync(gateway);

        var commit = GitCommit.Short(repo.Root);
        var final = new ScaleReport(rows, ceiling, baseRss, baseRedis, full, idle, options, commit, GitCommit.ServiceDirty(repo.Root),
            MachineDescription.Now(), DateTime.UtcNow);
        var name = $"{final.FinishedUtc:yyyy-MM-ddTHHmm}-{commit}-scale";
        var path = repo.InRoot("bench", "results", name + ".md");
        var markdown = final.Markdown() + $"\n![scale curve]({name}.png)\n";
        await File.WriteAllTextAsync(path, markdown, cancellation);
        ScaleChart.Save(final, repo.InRoot("bench", "results", name + ".png"));

        console.Line();
        console.MarkupLine($"[bold]Scale benchmark[/] (commit {commit}{(final.Dirty ? " (+ uncommitted changes)" : "")}; "
            + $"{Markup.Escape(final.Machine)} at the end)");
        console.Line();
        foreach (var line in final.Terminal().TrimEnd('\n').Split('\n')) console.Line(line);
        console.Line();
        console.Line($"written to bench/results/{name}.md and {name}.png (total {stages.Elapsed.TotalSeconds:0} s)");
    }

    private async Task<ScaleRow> RowAsync(long users, FillResult filled, WrkResult result, ProcessFigures? before, ProcessFigures? after,
        ChildProcess gateway, IServer server, long baseKeys)
    {
        var (pausePercent, _) = GcWindow.Between(before, after);
        int[]? byGeneration = null;
        double? pauseMs = null;
        if (before is not null && after is not null)
        {
            byGeneration = new int[after.GcCollections.Length];
            for (var g = 0; g < byGeneration.Length; g++) byGeneration[g] = after.GcCollections[g] - before.GcCollections[g];
            pauseMs = after.GcPauseMilliseconds - before.GcPauseMilliseconds;
        }
        var (peak, current) = ProcessTable.Memory(gateway.Pid);
        var redisUsed = await RedisMemory.UsedAsync(server);
        var keys = await server.DatabaseSizeAsync() - baseKeys;
        return new ScaleRow(users, filled, result, pausePercent, pauseMs, byGeneration, current, peak, after?.HeapBytes, after?.Activations, redisUsed, keys,
            MachineDescription.LoadAverage(3));
    }

    /// <summary>
    /// Waits with no requests until the silo has deactivated the idle users (its activation count below 1 % of the last row's) or
    /// the idle time and two collection quanta (a minute each at most) have passed, then reads memory as a row.
    /// </summary>
    private async Task<ScaleRow> IdleRowAsync(ScaleRow last, string admin, ChildProcess gateway, IServer server, long baseKeys,
        CancellationToken cancellation)
    {
        var started = DateTime.UtcNow;
        var deadline = started + options.ScaleIdle + TimeSpan.FromMinutes(2) + options.IdlePoll;
        ProcessFigures? figures = null;
        while (true)
        {
            await Task.Delay(options.IdlePoll, cancellation);
            figures = (await client.GatewayHealthAsync(admin, cancellation)).Body?.Process;
            var active = figures?.Activations;
            var waited = DateTime.UtcNow - started;
            var rss = ProcessTable.Memory(gateway.Pid).Current;
            stages.Say($"  {waited.TotalMinutes:0.0} min: {active?.ToString("N0") ?? "-"} activations, RSS {rss / 1048576} MB");
            if (active is { } a && a * 100L < last.Users || DateTime.UtcNow > deadline) break;
        }
        var (peak, current) = ProcessTable.Memory(gateway.Pid);
        var noRequests = new WrkResult(0, 0, 0, 0, 0, 0);
        return new ScaleRow(last.Users, new FillResult(0, 0, 0, null, 0), noRequests, null, null, null, current, peak, figures?.HeapBytes,
            figures?.Activations, await RedisMemory.UsedAsync(server), await server.DatabaseSizeAsync() - baseKeys, MachineDescription.LoadAverage(3));
    }

    /// <summary>"10000,100000,1000000" → ascending distinct counts; an error names the bad item.</summary>
    public static IReadOnlyList<long> ParseUsers(string text)
    {
        var sizes = new SortedSet<long>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var digits = item.Replace("_", "", StringComparison.Ordinal);
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > int.MaxValue)
                throw new FormatException($"--users: '{item}' is not a user count 1..{int.MaxValue}; give counts like --users 10000,100000,1000000");
            sizes.Add(n);
        }
        if (sizes.Count == 0) throw new FormatException("--users: no count given; e.g. --users 10000,100000,1000000");
        return [.. sizes];
    }
}
