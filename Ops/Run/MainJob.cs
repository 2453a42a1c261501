using Botify.Catalogs.Redis;
using Botify.Lab;
using Botify.Lab.Analysis;
using Botify.Lab.Publishing;
using Botify.Ops.Processes;
using Botify.Ops.Service;
using Botify.Ops.Tools;
using Botify.Sim.Commands;
using Botify.Sim.InProcess;
using Botify.Sim.Listening;
using Botify.Sim.Traffic;
using Botify.Sim.World;
using Spectre.Console;

namespace Botify.Ops.Run;

/// <summary>
/// The main job: world → service → day 1 (collect) → train → publish → day 2 (A/B) → verdict. The world, the simulator, training,
/// publishing and the analysis run in this process (Sim and Lab as libraries); Redis and the gateway are child processes,
/// stopped at the end, on an error and on Ctrl-C.
/// </summary>
public sealed class MainJob(MainJobOptions options, RepositoryLayout repo, IAnsiConsole console)
{
    private const int Stages = 7;

    private readonly StageReporter stages = new(console, Stages);
    private readonly ServiceClient client = new();

    // The scripts build before they hand over; the job's stages and total count that time too.
    private readonly TimeSpan built = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable(OpsEnvironment.BuildSeconds), out var s) ? s : 0);

    private string outDir = "";
    private string logs = "";
    private string gatewayOut = "";

    public async Task<int> RunAsync(CancellationToken cancellation)
    {
        outDir = RepositoryLayout.FromUser(options.Out ?? Path.Combine("runs", $"seed-{options.Seed}"));
        Directory.CreateDirectory(outDir);
        logs = Path.Combine(outDir, "logs");
        gatewayOut = Path.Combine(outDir, "gateway.out");
        await using var processes = new ProcessSet(TimeSpan.FromSeconds(10));
        try
        {
            return await StagesAsync(processes, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine($"run: interrupted; stopping what it started (logs are in {outDir})");
            return 130;
        }
        catch (OpsException e)
        {
            Console.Error.WriteLine($"run: {e.Message}");
            Console.Error.WriteLine($"run: stopped with an error; logs are in {outDir}");
            return 1;
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task<int> StagesAsync(ProcessSet processes, CancellationToken cancellation)
    {
        stages.Begin(1, "build (Release)");
        var gatewayAssembly = repo.AssemblyOf("Gateway");
        stages.Say(BuildNote());
        stages.Done(built);

        stages.Begin(2, options.World is null ? $"world (seed {options.Seed})" : $"world (folder {options.World})");
        var worldDir = EnsureWorld();
        SimWorld world;
        try
        {
            world = WorldFiles.Load(worldDir);
        }
        catch (WorldFileException e)
        {
            throw new OpsException(e.Message);
        }
        stages.Say($"{world.TrackCount:N0} tracks of {world.ArtistNames.Length:N0} artists, dimension {world.Dimension}, " +
                   $"{world.Listeners.Length:N0} listeners");
        stages.Done();

        var inProcess = options.Day1Via == MainJobOptions.Day1InProcess;
        stages.Begin(3, inProcess ? "service (single machine): storage now, the gateway for day 2" : "service (single machine)");
        var redis = await StartStorageAsync(processes, cancellation);
        var port = options.Port ?? FreePort.Next();
        var url = $"http://127.0.0.1:{port}";
        var admin = $"http://127.0.0.1:{FreePort.Next()}"; // the gateway's management listener: detailed /health, /user, /experiments, dashboard
        if (Directory.Exists(logs)) Directory.Delete(logs, recursive: true);
        Directory.CreateDirectory(logs);
        var day1Logs = Path.Combine(logs, "day1");
        ChildProcess? gateway = null;
        if (inProcess)
        {
            stages.Say("day 1 plays in this process (--day1-via in-process): the gateway starts with day 2's experiment");
        }
        else
        {
            // Day 1 on Redis starts before any catalog is published: answering /health (503 "no catalog yet") is enough then.
            gateway = await StartGatewayAsync(processes, gatewayAssembly, url, admin, port, redis, redis is null ? worldDir : null, day1Logs, options.Day1,
                expectCatalog: redis is null, cancellation);
            if (redis is not null) await PublishAsync(redis, worldDir, admin, cancellation);
        }
        stages.Done();

        var how = inProcess ? "in-process" : "over HTTP";
        stages.Begin(4, $"day 1: {options.Day1Episodes:N0} sessions {how} ({options.Day1.Name}: {options.Day1.Describe()})");
        if (inProcess) await PlayInProcessAsync(world, options.Day1Episodes, options.Day1Seed, day1Logs, cancellation);
        else await PlayAsync(world, url, options.Day1Episodes, options.Day1Seed, "day1", day1Logs, cancellation);
        stages.Say($"day-1 log: {DescribeLog(day1Logs)}");
        stages.Done();

        stages.Begin(5, $"train {TrainedModels()} from day 1 and publish the tables");
        var tables = Path.Combine(outDir, "tables");
        Train(day1Logs, tables, Path.Combine(worldDir, WorldFiles.Tracks));
        if (redis is not null) await PublishAsync(redis, tables, gateway is null ? null : admin, cancellation);
        stages.Done();

        stages.Begin(6, $"day 2: {options.Day2Episodes:N0} sessions over HTTP ({options.Day2.Name}: {options.Day2.Describe()})");
        // A new experiment is configuration: restart the service (state stays in Redis).
        if (gateway is not null) await StopGatewayAsync(processes, gateway);
        DropDay1Log(day1Logs);
        var day2Logs = Path.Combine(logs, "day2");
        gateway = await StartGatewayAsync(processes, gatewayAssembly, url, admin, port, redis, redis is null ? tables : null, day2Logs, options.Day2,
            expectCatalog: true, cancellation);
        var day2 = await PlayAsync(world, url, options.Day2Episodes, options.Day2Seed, "day2", day2Logs, cancellation);
        var report = Path.Combine(outDir, "report");
        var live = await ReadLiveFiguresAsync(admin, day2.Episodes, Path.Combine(report, "live.json"), cancellation);
        if (!options.KeepRunning) await StopGatewayAsync(processes, gateway);
        stages.Done();

        stages.Begin(7, "A/B analysis of day 2");
        Analyse(day2Logs, report, live);
        stages.Done();
        console.Line();
        console.Line($"Reports: {report}/ab.md  {report}/ab.csv  {report}/ab.png  (T2 vs T1: {report}/t2-vs-t1/; live figures: {report}/live.json)");
        console.Line($"Logs:    {(options.KeepLogs ? day1Logs + "  " : "")}{day2Logs}  (gateway output: {gatewayOut})");
        console.Line($"Disk:    {DescribeSize(FolderBytes(outDir))} in {outDir}");
        console.Line($"Total:   {(stages.Elapsed + built).TotalSeconds:0}s");

        if (options.KeepRunning)
        {
            console.Line();
            console.Line($"The service keeps running: {url}, admin {admin} (dashboard {admin}/dashboard, user state: curl {admin}/user/17, "
                + $"live A/B: {admin}/experiments/{Uri.EscapeDataString(options.Day2.Name)}/view). Ctrl-C stops it.");
            await gateway.WaitForExitAsync(cancellation);
        }
        return 0;
    }

    private string TrainedModels() =>
        string.Equals(options.TrainModels, MainJobOptions.AllModels, StringComparison.OrdinalIgnoreCase)
            ? "every model of `lab train`"
            : $"TopPop, Contextual and {options.TrainModels.Replace(",", ", ")}";

    private string BuildNote()
    {
        if (Environment.GetEnvironmentVariable(OpsEnvironment.BuildSeconds) is not null)
            return $"Ops with Gateway, Silo, Sim and Lab built by ./run.sh (dotnet build Ops/Ops.csproj -c {RepositoryLayout.Configuration})";
        return options.NoBuild
            ? $"--no-build: using the binaries in {repo.OutputOf("Gateway")}"
            : $"using the binaries in {repo.OutputOf("Gateway")} (this command does not build; ./run.sh does)";
    }

    private string EnsureWorld()
    {
        if (options.World is { } given)
        {
            var folder = RepositoryLayout.FromUser(given);
            if (!Directory.Exists(folder))
                throw new OpsException($"--world {given}: folder not found; give a folder made by `sim world` or one with the course's files");
            stages.Say($"using the world in {folder}");
            return folder;
        }
        var defaults = new WorldOptions();
        var world = defaults with
        {
            Seed = options.Seed,
            Tracks = options.WorldTracks ?? defaults.Tracks,
            Artists = options.WorldArtists ?? defaults.Artists,
            Listeners = options.WorldListeners ?? defaults.Listeners,
        };
        var worldDir = WorldFolder.PathFor(repo, world);
        WorldFolder.Ensure(worldDir, world, stages.Say);
        return worldDir;
    }

    private async Task<RedisConnection?> StartStorageAsync(ProcessSet processes, CancellationToken cancellation)
    {
        if (options.InMemory)
        {
            stages.Say("storage: in memory (--in-memory)");
            return null;
        }

        if (options.Redis is { } configured)
        {
            var given = ExternalRedis.From(configured);
            if (await ExternalRedis.ProblemAsync(given, cancellation) is { } problem)
                throw new OpsException($"{problem}; start one there, pass another --redis HOST:PORT, or use --in-memory");
            stages.Say($"storage: Redis at {given.Display}");
            return given;
        }

        if (DebianTools.Find(DebianTools.RedisServer) is null)
        {
            stages.Say("storage: in memory (no Redis configured and redis-server not installed)");
            return null;
        }

        var port = FreePort.Next();
        var redisDir = Path.Combine(outDir, "redis");
        var redis = processes.Start(ServiceLauncher.Redis("redis-server", port, redisDir, Path.Combine(redisDir, "redis.log")));
        var address = $"127.0.0.1:{port}";
        await Readiness.WaitAsync($"redis-server answering PING on {address}", TimeSpan.FromSeconds(10), c => RedisProbe.PingAsync(address, c), redis,
            cancellation);
        stages.Say($"storage: throwaway redis-server on {address} (stopped at the end)");
        return RedisConnection.Create(address);
    }

    private async Task<ChildProcess> StartGatewayAsync(ProcessSet processes, string assembly, string url, string admin, int port, RedisConnection? redis,
        string? catalog,
        string logDir, ExperimentPlan experiment, bool expectCatalog, CancellationToken cancellation)
    {
        Directory.CreateDirectory(logDir);
        var launch = new GatewayLaunch(assembly, url, admin, logDir, $"gw-{port}")
        {
            Redis = redis,
            Catalog = catalog,
            SiloPort = FreePort.Next(),
            OrleansGatewayPort = FreePort.Next(),
            Extra = experiment.Switches(),
        };
        var gateway = processes.Start(ServiceLauncher.Gateway("gateway", launch, gatewayOut));
        GatewayHealth? seen = null;
        var waitingFor = expectCatalog ? $"the gateway ready at {admin}/health" : $"the gateway answering {admin}/health";
        await Readiness.WaitAsync(waitingFor, options.StartTimeout, async c =>
        {
            var answer = await client.GatewayHealthAsync(admin, c);
            seen = answer.Body;
            return expectCatalog ? answer.Body is { IsReady: true } : answer.Answered;
        }, gateway, cancellation, () => seen?.Describe() ?? "no answer");
        stages.Say($"gateway up at {url}, admin {admin} (pid {gateway.Pid}, output in {gatewayOut})");
        return gateway;
    }

    private async Task StopGatewayAsync(ProcessSet processes, ChildProcess gateway)
    {
        // Graceful: the gateway drains its event log and deactivates its grains.
        if (await processes.StopAsync(gateway, options.StopGrace) == StopOutcome.Killed)
            console.Line($"    the gateway did not stop within {options.StopGrace.TotalSeconds:0} s of SIGTERM; killed it");
    }

    /// <summary>
    /// `Lab publish` in-process, then, when a gateway runs (its management listener at <paramref name="admin"/>), waits until it serves the
    /// version it made current (hot swap); a gateway started later loads that version at its start.
    /// </summary>
    private async Task PublishAsync(RedisConnection redis, string folder, string? admin, CancellationToken cancellation)
    {
        var outcome = await CatalogPublishRun.PublishAsync(PublishSettings.To(redis, folder), console, Console.Error, cancellation);
        if (outcome.ExitCode != 0 || outcome.Version is not { } version)
            throw new OpsException($"publishing {folder} to Redis at {redis.Display} failed (the reason is above)");
        if (admin is null)
        {
            stages.Say($"published catalog version {version}; the gateway loads it at its start");
            return;
        }
        GatewayHealth? last = null;
        await Readiness.WaitAsync($"the service serving catalog version {version}", options.SwapTimeout, async c =>
        {
            last = (await client.GatewayHealthAsync(admin, c)).Body;
            return last?.CatalogVersion == version;
        }, null, cancellation, () => last is null ? "no /health answer" : $"version '{last.CatalogVersion}'; see {gatewayOut}");
        stages.Say($"the service now serves catalog version {version} (hot swap, no restart)");
    }

    /// <summary>
    /// Day 1 without the service: the simulator's in-process mode plays the service's own listener-state rules and experiment assignment with
    /// the day-1 recommenders, one worker per core, and writes the lines the gateway would have logged.
    /// </summary>
    private async Task PlayInProcessAsync(SimWorld world, int episodes, int seed, string logDir, CancellationToken cancellation)
    {
        var plan = options.Day1;
        var policies = new string[plan.Arms.Count];
        for (var i = 0; i < policies.Length; i++)
        {
            var (arm, recommender) = plan.Arms[i];
            policies[i] = PolicyCatalog.OfRecommender(recommender)
                ?? throw new OpsException($"day 1 arm {arm} = {recommender}: the in-process mode plays Random and StickyArtist only; use --day1-via http");
        }
        var workers = options.Day1Workers ?? Environment.ProcessorCount;
        stages.Say($"{workers} workers, the gateway's event-log format in {logDir}");
        Directory.CreateDirectory(logDir);
        var summary = await RunCommand.PlayInProcessAsync(world, new ListenerModelOptions(), plan.Name, policies, logDir, episodes, seed, workers,
            cancellation);
        SummaryPrinter.Print(summary);
        await RunCommand.WriteSummaryAsync(summary, Path.Combine(outDir, "day1-summary.json"), cancellation);
    }

    /// <summary>"8 files, 1,052 MB (7,512,345 lines)".</summary>
    private static string DescribeLog(string folder)
    {
        var files = Directory.GetFiles(folder, "*.jsonl", SearchOption.AllDirectories);
        return $"{files.Length} files, {DescribeSize(FolderBytes(folder))} ({EventLogLines.Count(folder):N0} lines)";
    }

    /// <summary>Day 1's log is read by training only; it goes once the tables exist, unless --keep-logs.</summary>
    private void DropDay1Log(string folder)
    {
        if (options.KeepLogs || !Directory.Exists(folder)) return;
        var size = FolderBytes(folder);
        Directory.Delete(folder, recursive: true);
        stages.Say($"dropped day 1's log ({DescribeSize(size)}; --keep-logs keeps it)");
    }

    private static long FolderBytes(string folder)
    {
        long bytes = 0;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories)) bytes += file.Length;
        return bytes;
    }

    private static string DescribeSize(long bytes) => $"{bytes / 1e6:N0} MB";

    /// <summary>The simulator in-process over HTTP; then waits until the event log holds a line for every acknowledged request.</summary>
    private async Task<RunSummary> PlayAsync(SimWorld world, string url, int episodes, int seed, string day, string logDir, CancellationToken cancellation)
    {
        RunSummary summary;
        try
        {
            summary = await RunCommand.PlayAgainstGatewayAsync(world, new ListenerModelOptions(), url, episodes, seed, cancellation: cancellation);
        }
        catch (GatewayUnreachableException e)
        {
            throw new OpsException($"{day}: {e.Message}; see {gatewayOut}");
        }

        SummaryPrinter.Print(summary);
        await RunCommand.WriteSummaryAsync(summary, Path.Combine(outDir, $"{day}-summary.json"), cancellation);
        if (summary.Episodes == 0 && summary.FailedEpisodes > 0)
            throw new OpsException($"{day}: no episode finished ({summary.FailedEpisodes:N0} ended by an error); see {gatewayOut}");

        long failed = 0;
        foreach (var count in summary.Errors.Values) failed += count;
        var acknowledged = summary.Requests - failed;
        long lines = 0;
        await Readiness.WaitAsync($"the event log in {logDir} holding the {acknowledged:N0} acknowledged requests", TimeSpan.FromSeconds(30),
            _ => Task.FromResult((lines = EventLogLines.Count(logDir)) >= acknowledged), null, cancellation, () => $"{lines:N0} lines");
        return summary;
    }

    /// <summary>
    /// GET /experiments/{day 2} on the gateway's management listener (<paramref name="admin"/>) once the live aggregate holds
    /// every finished episode's closed session (the contributions arrive just after the answers; it stops waiting after 30 s
    /// and says so): saved to <paramref name="path"/>; null, with a line saying why, when the service has no figures.
    /// </summary>
    private async Task<LiveFigures?> ReadLiveFiguresAsync(string admin, long sessions, string path, CancellationToken cancellation)
    {
        var address = $"{admin}/experiments/{Uri.EscapeDataString(options.Day2.Name)}";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var (status, body) = await client.GetTextAsync(address, cancellation);
            if (status != 200)
            {
                stages.Say($"live figures: GET {address} answered {status}: {body}");
                return null;
            }
            var live = LiveFigures.Parse(body);
            var complete = live.Sessions >= sessions;
            if (complete || DateTime.UtcNow >= deadline)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, body, cancellation);
                var waited = complete ? "" : " (still short after 30 s: the figures are of what had arrived)";
                stages.Say($"live figures: {live.Sessions:N0} closed sessions in the service's aggregate for {sessions:N0} finished episodes{waited}, "
                    + $"saved to {path}");
                return live;
            }
            await Task.Delay(250, cancellation);
        }
    }

    /// <summary>
    /// `Lab train` in-process on all of day 1 (no hold-out, no offline evaluation unless --evaluate), only the models day 2 reads unless
    /// --train-models says otherwise; the command's own defaults for everything else.
    /// </summary>
    private void Train(string day1Logs, string tables, string tracks)
    {
        List<string> args = ["--logs", day1Logs, "--out", tables, "--catalog", tracks, "--seed", options.Seed.ToString()];
        if (!string.Equals(options.TrainModels, MainJobOptions.AllModels, StringComparison.OrdinalIgnoreCase)) args.AddRange(["--models", options.TrainModels]);
        args.AddRange(["--similar-two-hop", options.SimilarTwoHop.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (!options.Evaluate) args.AddRange(["--holdout", "0", "--holdout-sessions", "0"]);
        stages.Say($"lab train {string.Join(' ', args)}");
        if (TrainCommand.Create().Parse(args).Invoke() != 0) throw new OpsException($"training on {day1Logs} failed (the reason is above)");
    }

    private void Analyse(string day2Logs, string reportDir, LiveFigures? live)
    {
        var plan = options.Day2;
        var report = AbCommand.Report(day2Logs, plan.Name, reportDir, "C", 0.95, AbAnalysis.DefaultCappedSessionTracks - 1, console, Console.Error)
            ?? throw new OpsException($"the A/B analysis of {day2Logs} failed (the reason is above)");
        console.Line();
        console.Line("Verdict (mean_time_per_session vs StickyArtist, Welch 95 %):");
        foreach (var line in Verdict.Lines(report, plan, plan.RecommenderOf("C"))) console.Line(line);
        console.Line("T2 against T1 (the project's own against the seed's):");

        // T2 against T1 as well: the same analysis with T1 as the control arm, its table in t2-vs-t1.txt.
        var againstT1 = Path.Combine(reportDir, "t2-vs-t1");
        using var text = new StreamWriter(Path.Combine(reportDir, "t2-vs-t1.txt"));
        var quiet = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        quiet.Profile.Width = 120;
        if (AbCommand.Report(day2Logs, plan.Name, againstT1, "T1", 0.95, AbAnalysis.DefaultCappedSessionTracks - 1, quiet, text) is { } t1Report)
        {
            foreach (var arm in t1Report.Arms)
            {
                if (arm.Arm != "T2") continue;
                console.Line(Verdict.Line(t1Report.Row(arm.Arm, Verdict.Metric), plan.RecommenderOf(arm.Arm), "T1 " + plan.RecommenderOf("T1")));
            }
        }

        // The service's own figures (the live aggregate) under the verdict they should agree with.
        if (live is not null)
        {
            console.Line();
            console.Line($"Live figures (GET /experiments/{plan.Name} at the end of day 2) next to Lab ab's, {Verdict.Metric}:");
            foreach (var line in live.Lines(report, plan)) console.Line(line);
        }
    }
}
