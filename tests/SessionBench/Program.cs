using System.Diagnostics;
using System.Globalization;
using Botify.Contracts.Catalog;
using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;
using Botify.Contracts.Listening;
using Botify.Grains;
using Botify.Grains.Recommenders;
using Botify.Lab.Training;
using Botify.SessionBench;
using Botify.Sim.InProcess;
using Botify.Sim.Listening;
using Botify.Sim.World;

// The fast loop for designing and tuning recommenders: world → day 1 (Random vs StickyArtist through the
// service's own recommenders and state rules) → lab training → day 2, every configuration on the same episodes.
var argsMap = Args.Parse(args);
if (argsMap.ContainsKey("help"))
{
    Console.WriteLine("""
        dotnet run --project tests/SessionBench -c Release -- [options]
          --seeds 42,1,2          world seeds
          --day1 20000            day-1 episodes (comma list: one training per size)
          --day2 10000            day-2 episodes per configuration (the same episodes for every one)
          --work DIR              cache of worlds, logs and trained tables (default $TMPDIR/botify-session-bench)
          --configs a,b,...       configurations to play (default: sticky,session,neighbours); --list shows them
          --oracle                also play SessionNeighbours on true-embedding artist neighbours (orientation only)
        """);
    return 0;
}
var seeds = Args.Longs(argsMap, "seeds", "42,1,2");
var day1Sizes = Args.Longs(argsMap, "day1", "20000");
var day2 = (int)Args.Longs(argsMap, "day2", "10000")[0];
var work = argsMap.GetValueOrDefault("work") ?? Path.Combine(Path.GetTempPath(), "botify-session-bench");
var configNames = (argsMap.GetValueOrDefault("configs") ?? "sticky,session,neighbours").Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
if (argsMap.GetValueOrDefault("extra") is { } extra) configNames.AddRange(extra.Split('|',
    StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
if (argsMap.ContainsKey("list"))
{
    foreach (var name in BenchConfigs.Names) Console.WriteLine(name);
    return 0;
}
BenchConfigs.SimilarArtists = SimilarArtistsOptions.Defaults with
{
    Baseline = Args.Doubles(argsMap, "baseline", SimilarArtistsOptions.Defaults.Baseline),
    Shrink = Args.Doubles(argsMap, "shrink", SimilarArtistsOptions.Defaults.Shrink),
    TwoHopWeight = Args.Doubles(argsMap, "two-hop", SimilarArtistsOptions.Defaults.TwoHopWeight),
    PairWeight = Args.Doubles(argsMap, "pair", SimilarArtistsOptions.Defaults.PairWeight),
};
var model = new ListenerModelOptions();
var header = $"  {"configuration",-22} {"time/session",15} {"tracks/session",14} {"× sticky",8} {"rec. ×",8} {"capped",7}";
var summary = new List<string>();
foreach (var seed in seeds)
{
    var world = LoadWorld(Path.Combine(work, $"world-{seed}"), seed);
    foreach (var day1 in day1Sizes)
    {
        var folder = Path.Combine(work, $"seed-{seed}", $"day1-{day1}");
        var clock = Stopwatch.StartNew();
        var settings = new BotifyOptions();
        var day1States = Day1(world, model, settings, Path.Combine(work, $"world-{seed}"), folder, (int)day1, seed);
        Console.WriteLine($"seed {seed}: day 1 ({day1:N0} episodes) {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();
        var trained = Train(world, folder, Path.Combine(work, $"world-{seed}"), argsMap.ContainsKey("oracle"));
        Console.WriteLine($"seed {seed}: trained in {clock.Elapsed.TotalSeconds:0.0} s");
        var catalog = CatalogFiles.Read(trained);
        var results = new List<(string Name, EpisodeStats Stats)>();
        var names = new List<string>(configNames);
        if (argsMap.ContainsKey("oracle")) names.Add("oracle");
        foreach (var name in names)
        {
            clock.Restart();
            var (spec, configure) = BenchConfigs.Get(name);
            var options = new BotifyOptions();
            configure(options);
            var recommender = new RecommenderRegistry(options).Get(spec);
            var replay = new ServiceReplay(world, model, options);
            var stats = replay.Play(ServiceReplay.Copy(day1States), catalog, [recommender], _ => 0, day2, seed + 1_000_000)[0];
            results.Add((BenchConfigs.Label(name), stats));
            Console.WriteLine($"  {BenchConfigs.Label(name),-28} {stats.Reward,6:0.000} ± {stats.RewardSem:0.000} time  {stats.Steps,7:0.00} ± " +
                $"{stats.StepsSem:0.00} tracks  " +
                              $"cap {stats.CapShare:P1}  {stats.MicrosPerRequest:0.0} µs/req  ({clock.Elapsed.TotalSeconds:0.0} s)");
        }
        var sticky = results.Find(r => r.Name == "sticky").Stats;
        Console.WriteLine($"seed {seed}, day 1 = {day1:N0} episodes, day 2 = {day2:N0} episodes per configuration:");
        Console.WriteLine(header);
        foreach (var (name, stats) in results)
        {
            // As `lab ab` counts a session: every event, the listener's own first track (time 1.0) included.
            var ratio = sticky is null ? double.NaN : (stats.Reward + 1) / (sticky.Reward + 1);
            var recommended = sticky is null ? double.NaN : stats.Reward / sticky.Reward;
            var line = $"  {name,-22} {stats.Reward + 1,7:0.000} ± {stats.RewardSem,5:0.000} {stats.Steps + 1,7:0.00} ± {stats.StepsSem,4:0.00} " +
                $"{ratio,7:0.00}× {recommended,7:0.00}× {stats.CapShare,7:P1}";
            Console.WriteLine(line);
            summary.Add($"{seed,4} {day1,7} {line}");
        }
    }
}
Console.WriteLine();
Console.WriteLine("time and tracks per session as the A/B analysis counts them (the listener's first track included); " +
                  "× sticky: ratio of time per session; rec. ×: ratio of the recommended tracks' time only");
Console.WriteLine($"seed   day-1{header}");
foreach (var line in summary) Console.WriteLine(line);
return 0;

static SimWorld LoadWorld(string folder, long seed)
{
    if (File.Exists(Path.Combine(folder, WorldFiles.Manifest))) return WorldFiles.Load(folder);
    var clock = Stopwatch.StartNew();
    var world = WorldGenerator.Generate(new WorldOptions { Seed = seed });
    WorldFiles.Write(world, folder);
    Console.WriteLine($"world {seed}: generated in {clock.Elapsed.TotalSeconds:0.0} s → {folder}");
    return world;
}

// Day 1 as the main job collects it: experiment DAY1 splits users between Random (C) and StickyArtist (T1).
static Dictionary<int, UserState> Day1(SimWorld world, ListenerModelOptions model, BotifyOptions settings, string worldFolder, string folder,
    int episodes, long seed)
{
    var logs = Path.Combine(folder, "logs");
    var fresh = !Directory.Exists(logs);
    var registry = new RecommenderRegistry(settings);
    var catalog = CatalogFiles.Read(worldFolder);
    var states = new Dictionary<int, UserState>();
    using var log = fresh ? new EventLogFileWriter(new EventLogFileSet(logs, InProcessRunner.LogInstance, InProcessRunner.LogFileBytes)) : null;
    new ServiceReplay(world, model, settings).Play(states, catalog, [registry.Get("Random"), registry.Get("StickyArtist")],
        user => ExperimentAssignment.ArmIndex(user, "DAY1", 2), episodes, seed, log, "DAY1");
    return states;
}

static string Train(SimWorld world, string folder, string worldFolder, bool oracle)
{
    var trained = Path.Combine(folder, "trained");
    var tracks = Path.Combine(worldFolder, WorldFiles.Tracks);
    var done = Path.Combine(trained, ".done");
    if (!File.Exists(done))
    {
        Directory.CreateDirectory(trained);
        var settings = new TrainSettings(Path.Combine(folder, "logs"), trained, 42, 0.8, 0.0, 100,
            ContextualOptions.Defaults, MatrixFactorisation.Defaults, LightGcn.Defaults, tracks);
        TrainingRun.Run(settings, TextWriter.Null);
        File.WriteAllText(done, "");
    }
    var catalog = CatalogFiles.ReadTracks(tracks);
    var events = EventLogReader.Read(Path.Combine(folder, "logs")).Events;
    var similar = SimilarArtists.Build(events, catalog, BenchConfigs.SimilarArtists);
    RecommendationFiles.WriteTrackTable(Path.Combine(trained, SimilarArtists.FileName), SimilarArtists.AsTrackTable(similar, catalog));
    Console.WriteLine($"similar artists: {OracleArtists.Precision(world, catalog, similar, 10):P1} of the first 10 share the genre (centroid dot > 2)");
    foreach (var (name, file) in new[] { ("gcf", TrainingRun.GcfEmbeddingsFile), ("lfm", TrainingRun.LfmEmbeddingsFile) })
    {
        var path = Path.Combine(trained, file);
        if (!File.Exists(path)) continue;
        var byEmbedding = SimilarArtists.FromEmbeddings(TrackEmbeddingsFile.Read(path), catalog, 50);
        RecommendationFiles.WriteTrackTable(Path.Combine(trained, $"recommendations_similar_artists_{name}.json"),
            SimilarArtists.AsTrackTable(byEmbedding, catalog));
        Console.WriteLine($"similar artists by {name} embeddings: {OracleArtists.Precision(world, catalog, byEmbedding, 10):P1} of the first 10 " +
            $"share the genre");
    }
    var oraclePath = Path.Combine(trained, "recommendations_oracle_artists.json");
    if (oracle && !File.Exists(oraclePath)) RecommendationFiles.WriteTrackTable(oraclePath, OracleArtists.Table(world, catalog, 50));
    if (!oracle && File.Exists(oraclePath)) File.Delete(oraclePath);
    return trained;
}
