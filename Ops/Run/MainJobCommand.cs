using System.CommandLine;
using Botify.Ops.Tools;
using Spectre.Console;

namespace Botify.Ops.Run;

/// <summary>`ops run` (./run.sh): the main job end to end, ending with the A/B verdict.</summary>
public static class MainJobCommand
{
    public static Command Create()
    {
        var defaults = new MainJobOptions();
        var seed = new Option<int>("--seed") { Description = "World seed; day seeds derive from it", DefaultValueFactory = _ => defaults.Seed };
        var day1 = new Option<int>("--day1-episodes")
        {
            Description = "Episodes of day 1 (collection: Random vs StickyArtist; 1,000,000 ≈ 7.5M events, the seed's scale)",
            DefaultValueFactory = _ => defaults.Day1Episodes,
        };
        var via = new Option<string>("--day1-via")
        {
            Description = $"How day 1 is collected: {MainJobOptions.Day1InProcess} (the simulator plays the service's rules in this process and " +
                $"writes the gateway's event-log format) or {MainJobOptions.Day1Http} (through the running service)",
            DefaultValueFactory = _ => defaults.Day1Via,
        };
        var keepLogs = new Option<bool>("--keep-logs") { Description = "Keep day 1's event log under --out (default: dropped once training has read it)" };
        var trainModels = new Option<string>("--train-models")
        {
            Description = $"Models `lab train --models` trains from day 1 (TopPop and Contextual always): default {MainJobOptions.Day2Models}, " +
                $"the tables day 2's arms read; {MainJobOptions.AllModels} trains every model (ALS and UB too)",
            DefaultValueFactory = _ => defaults.TrainModels,
        };
        var twoHop = new Option<double>("--similar-two-hop")
        {
            Description = "Weight of two-hop similarity in the similar-artists table T2 reads (`lab train --similar-two-hop`; 0: direct evidence only)",
            DefaultValueFactory = _ => defaults.SimilarTwoHop,
        };
        var evaluate = new Option<bool>("--evaluate")
        {
            Description = "Hold out 10 % of day 1's positives and sessions and print `lab train`'s offline evaluation (default: train on all of day 1)",
        };
        var day2 = new Option<int>("--episodes") { Description = "Episodes of day 2, the experiment", DefaultValueFactory = _ => defaults.Day2Episodes };
        var redis = new Option<string?>("--redis")
        {
            Description = $"Use this Redis HOST:PORT[,password=…][,user=…][,ssl=true] (default: ${OpsEnvironment.Redis}, better for a password; "
                + "TLS files in "
                + "$BOTIFY_REDIS_CA/_CERT/_KEY; else a throwaway redis-server on a free port)",
        };
        var inMemory = new Option<bool>("--in-memory") { Description = "Do not use Redis even if redis-server is installed" };
        var output = new Option<string?>("--out") { Description = "Output folder (default runs/seed-N)" };
        var port = new Option<int?>("--port") { Description = "Gateway port (default: a free port)" };
        var world = new Option<string?>("--world")
        {
            Description = "Play this world folder instead of generating data/world-N: one made by `sim world`, or the course's " +
                          "tracks.json + tracks.npy + users.json (interest neighbours computed on load)",
        };
        var tracks = new Option<int?>("--world-tracks") { Description = "Tracks of a generated world (default: the simulator's, 50,000)" };
        var artists = new Option<int?>("--world-artists") { Description = "Artists of a generated world (default: the simulator's, 5,000)" };
        var listeners = new Option<int?>("--world-listeners") { Description = "Listeners of a generated world (default: the simulator's, 10,000)" };
        var noBuild = new Option<bool>("--no-build")
        {
            Description = "Use the binaries already built (bin/Release) instead of building (./run.sh then skips its build)",
        };
        var keepRunning = new Option<bool>("--keep-running") { Description = "Leave the service up at the end (dashboard, curl); Ctrl-C stops it" };

        var command = new Command("run", """
            The whole product loop on one machine, ending with the A/B verdict:
              1 build (Release)            2 world (seed N, generated once into data/world-N; or --world DIR)
              3 service (single machine: real Redis when --redis/BOTIFY_REDIS is set or redis-server is installed,
                a throwaway instance on a free port, otherwise in memory)
              4 day 1: 1,000,000 sessions of Random vs StickyArtist (experiment DAY1), by default in-process in the gateway's
                event-log format (--day1-via http: through the service); the log's size is printed
              5 train the models day 2 reads (LFM, LGCF, similar artists; TopPop and Contextual) from day 1's log on all of it
                (--train-models all: every model; --evaluate: hold-outs and the offline evaluation) and publish the tables
                (day 1's log is then dropped unless --keep-logs)
              6 day 2: experiment DAY2 over HTTP, C = StickyArtist, T1 = Session (seed's), T2 = $BOTIFY_T2 (default SessionNeighbours),
                T3 = Indexed:gcf (the trained LightGCN alone)
              7 A/B analysis: table, one verdict line per treatment, report files
            """)
        {
            seed, day1, via, keepLogs, trainModels, twoHop, evaluate, day2, redis, inMemory, output, port, world, tracks, artists, listeners,
            noBuild, keepRunning,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var options = defaults with
            {
                Seed = parse.GetValue(seed),
                Day1Episodes = parse.GetValue(day1),
                Day1Via = parse.GetValue(via)!,
                KeepLogs = parse.GetValue(keepLogs),
                TrainModels = parse.GetValue(trainModels)!,
                Evaluate = parse.GetValue(evaluate),
                SimilarTwoHop = parse.GetValue(twoHop),
                Day2Episodes = parse.GetValue(day2),
                Redis = parse.GetValue(redis) ?? (Environment.GetEnvironmentVariable(OpsEnvironment.Redis) is { Length: > 0 } env ? env : null),
                InMemory = parse.GetValue(inMemory),
                Out = parse.GetValue(output),
                Port = parse.GetValue(port),
                World = parse.GetValue(world),
                WorldTracks = parse.GetValue(tracks),
                WorldArtists = parse.GetValue(artists),
                WorldListeners = parse.GetValue(listeners),
                NoBuild = parse.GetValue(noBuild),
                KeepRunning = parse.GetValue(keepRunning),
                T2 = Environment.GetEnvironmentVariable(OpsEnvironment.T2) is { Length: > 0 } t2 ? t2 : defaults.T2,
            };
            if (Invalid(options) is { } problem)
            {
                Console.Error.WriteLine($"run: {problem}");
                return 2;
            }
            return await new MainJob(options, RepositoryLayout.Find(), AnsiConsole.Console).RunAsync(cancellation);
        });
        return command;
    }

    /// <summary>Null when --train-models is `all` or names models `lab train` knows, among them every table day 2's arms read.</summary>
    private static string? InvalidModels(string models)
    {
        if (string.Equals(models, MainJobOptions.AllModels, StringComparison.OrdinalIgnoreCase)) return null;
        string[] known = ["LFM", "LGCF", "ALS", "UB", "SimilarArtists"];
        var names = models.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in names)
        {
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
                return $"--train-models {models}: unknown model '{name}'; name some of {string.Join(", ", known)}, or pass {MainJobOptions.AllModels}";
        }
        foreach (var needed in MainJobOptions.Day2Models.Split(','))
        {
            if (!names.Contains(needed, StringComparer.OrdinalIgnoreCase))
                return $"--train-models {models}: day 2 reads {needed}'s table (T1 Session: LFM and LGCF, T2: SimilarArtists, T3: LGCF); add it";
        }
        return null;
    }

    private static string? Invalid(MainJobOptions o)
    {
        if (o.Day1Episodes < 1 || o.Day2Episodes < 1) return $"--day1-episodes {o.Day1Episodes} and --episodes {o.Day2Episodes} must be 1 or more";
        if (o.Day1Via is not (MainJobOptions.Day1InProcess or MainJobOptions.Day1Http))
            return $"--day1-via {o.Day1Via}: use {MainJobOptions.Day1InProcess} or {MainJobOptions.Day1Http}";
        if (InvalidModels(o.TrainModels) is { } models) return models;
        if (!(o.SimilarTwoHop >= 0)) return $"--similar-two-hop {o.SimilarTwoHop}: must be 0 or more (0: direct evidence only)";
        if (o.Day1Workers is < 1) return $"day-1 workers {o.Day1Workers}: must be 1 or more";
        if (o.Port is < 1 or > 65535) return $"--port {o.Port}: a TCP port is 1..65535";
        if (o.WorldTracks is < 1 || o.WorldArtists is < 1 || o.WorldListeners is < 1)
            return "--world-tracks, --world-artists and --world-listeners must be 1 or more";
        if (o.World is not null && (o.WorldTracks is not null || o.WorldArtists is not null || o.WorldListeners is not null))
            return $"--world {o.World} plays that folder; --world-tracks, --world-artists and --world-listeners size a generated world: give one or the other";
        return null;
    }
}
