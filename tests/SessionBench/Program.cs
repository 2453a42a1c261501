using System.Diagnostics;
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
Dictionary<string, string?> argsMap;
try
{
    argsMap = Args.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"session-bench: {e.Message}");
    return 2;
}
if (argsMap.ContainsKey("help"))
{
    Console.WriteLine($"""
        dotnet run --project tests/SessionBench -c Release -- [options]
          --seeds 42,1,2          world seeds
          --day1 20000            day-1 episodes (comma list: one training per size; 1,000,000 takes minutes once, then is cached)
          --day2 10000            day-2 episodes per configuration (the same episodes for every one)
          --work DIR              cache of worlds, logs and trained tables (default $TMPDIR/botify-session-bench)
          --configs a,b,...       configurations to play (default: {string.Join(",", BenchConfigs.Standard)}); --list shows them
          --extra 'a|b'           more configurations, '|'-separated (ad-hoc ones: label=Spec;Section:Key=value;...)
          --oracle                also play SessionNeighbours on true-embedding artist neighbours (orientation only)
          --csv FILE              one line per seed, day-1 size and configuration ({BenchCsv.Header})
          --png FILE              learning curves: ratio to StickyArtist against day-1 episodes, oracle rows as reference lines
          --no-offline            skip the offline training (held-out positives and sessions) and the offline-vs-online orders
          --retrain               train again even when the cached tables match the settings
          --models a,b            train only these (LFM, LGCF, ALS, UB, SimilarArtists; TopPop and Contextual always), for quick runs
        training options (defaults as `Lab train`): --contextual-weighting count|cosine|lift|bm25 --contextual-shrink X
          --contextual-size N --contextual-min-weight X --contextual-any-source --artist-discount X --als-factors N --als-alpha X --als-reg X --als-iterations N
          --ub-neighbours N --ub-shrink X --ub-exponent X; similar artists: --baseline --shrink --two-hop --pair
          --gcf-dim N --gcf-layers N --gcf-epochs N --gcf-batch N --gcf-lr X --gcf-reg X --lfm-dim N --lfm-lr X --lfm-reg X --lfm-epochs N
          --check-every N --patience N (early stopping of both); per-user lists: --list-seeds N --list-seed-listeners N
        """);
    return 0;
}
if (argsMap.ContainsKey("list"))
{
    foreach (var name in BenchConfigs.Names) Console.WriteLine(name);
    return 0;
}
long[] seeds, day1Sizes;
int day2;
var work = argsMap.GetValueOrDefault("work") ?? Path.Combine(Path.GetTempPath(), "botify-session-bench");
var configNames = (argsMap.GetValueOrDefault("configs") ?? string.Join(",", BenchConfigs.Standard)).Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
if (argsMap.GetValueOrDefault("extra") is { } extra)
{
    configNames.AddRange(extra.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
if (argsMap.ContainsKey("oracle")) configNames.Add("oracle");
TrainSettings template;
try
{
    seeds = Args.Longs(argsMap, "seeds", "42,1,2");
    day1Sizes = Args.Longs(argsMap, "day1", "20000");
    day2 = (int)Args.Longs(argsMap, "day2", "10000")[0];
    foreach (var name in configNames) BenchConfigs.Get(name); // an unknown name fails before minutes of training
    template = BenchSettings.Training(argsMap);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"session-bench: {e.Message}");
    return 2;
}
var offline = !argsMap.ContainsKey("no-offline");
var retrain = argsMap.ContainsKey("retrain");
var model = new ListenerModelOptions();
var header = $"  {"configuration",-22} {"time/session",15} {"tracks/session",14} {"× sticky",8} {"rec. ×",8} {"capped",7}";
var summary = new List<string>();
var rows = new List<BenchRow>();
var orders = new List<string>();
foreach (var seed in seeds)
{
    var worldFolder = Path.Combine(work, $"world-{seed}");
    var world = LoadWorld(worldFolder, seed);
    var clock = Stopwatch.StartNew();
    var oracleLists = OracleLists.Build(world);
    Console.WriteLine($"seed {seed}: perfect per-user lists ({OracleLists.PerInterest} true nearest of each interest) in {clock.Elapsed.TotalSeconds:0.0} s");
    foreach (var day1 in day1Sizes)
    {
        var folder = Path.Combine(work, $"seed-{seed}", $"day1-{day1}");
        clock.Restart();
        var settings = new BotifyOptions();
        var day1States = Day1(world, model, settings, worldFolder, folder, (int)day1, seed);
        Console.WriteLine($"seed {seed}: day 1 ({day1:N0} episodes) {clock.Elapsed.TotalSeconds:0.0} s");
        var tracks = Path.Combine(worldFolder, WorldFiles.Tracks);
        var (trained, trainSeconds) = BenchTraining.Online(folder, template with { Catalog = tracks, Seed = 42 }, retrain);
        Console.WriteLine($"seed {seed}: trained in {trainSeconds:0.0} s (all models, `Lab train` on {day1:N0} day-1 episodes; {trained}/train.log)");
        OfflineEvaluation? evaluation = null;
        if (offline)
        {
            clock.Restart();
            evaluation = BenchTraining.Offline(folder, template with { Catalog = tracks, Seed = 42 }, retrain);
            Console.WriteLine($"seed {seed}: offline evaluation ({clock.Elapsed.TotalSeconds:0.0} s): " +
                              string.Join(", ", evaluation.NextTrack.Select(n => $"{n.Model} {n.HitRate:P2}")) +
                              $" next-track hit@{NextTrackEvaluator.DefaultK}");
        }
        ExtraTables(world, trained, tracks, argsMap.ContainsKey("oracle"));
        oracleLists.Write(trained);
        var catalog = CatalogFiles.Read(trained);
        ListQuality(oracleLists, catalog);

        var results = new List<(string Name, EpisodeStats Stats)>();
        foreach (var name in configNames)
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
            rows.Add(new BenchRow(seed, day1, name, stats.Reward + 1, stats.Steps + 1, ratio, trainSeconds));
        }
        if (evaluation is not null) orders.AddRange(OfflineOnline.Lines(seed, day1, evaluation, rows.Where(r => r.Seed == seed && r.Day1 == day1).ToList()));
    }
}
Console.WriteLine();
Console.WriteLine("time and tracks per session as the A/B analysis counts them (the listener's first track included); " +
                  "× sticky: ratio of time per session; rec. ×: ratio of the recommended tracks' time only");
Console.WriteLine($"seed   day-1{header}");
foreach (var line in summary) Console.WriteLine(line);
if (orders.Count > 0)
{
    Console.WriteLine();
    foreach (var line in orders) Console.WriteLine(line);
}
if (argsMap.GetValueOrDefault("csv") is { } csv)
{
    BenchCsv.Write(csv, rows);
    Console.WriteLine($"wrote {csv}");
}
if (argsMap.GetValueOrDefault("png") is { } png)
{
    LearningCurvePlot.Save(rows, png);
    Console.WriteLine($"wrote {png}");
}
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

// Tables for the orientation configurations: similar artists from the learned embeddings, and (--oracle) from the true ones.
static void ExtraTables(SimWorld world, string trained, string tracks, bool oracle)
{
    var catalog = CatalogFiles.ReadTracks(tracks);
    foreach (var (name, file) in new[] { ("gcf", TrainingRun.GcfEmbeddingsFile), ("lfm", TrainingRun.LfmEmbeddingsFile) })
    {
        var path = Path.Combine(trained, file);
        if (!File.Exists(path)) continue;
        var byEmbedding = SimilarArtists.FromEmbeddings(TrackEmbeddingsFile.Read(path), catalog, 50);
        RecommendationFiles.WriteTrackTable(Path.Combine(trained, $"recommendations_similar_artists_{name}.json"),
            SimilarArtists.AsTrackTable(byEmbedding, catalog));
    }
    var oraclePath = Path.Combine(trained, "recommendations_oracle_artists.json");
    if (oracle && !File.Exists(oraclePath)) RecommendationFiles.WriteTrackTable(oraclePath, OracleArtists.Table(world, catalog, 50));
    if (!oracle && File.Exists(oraclePath)) File.Delete(oraclePath);
}

static void ListQuality(OracleLists oracle, CatalogSnapshot catalog)
{
    var parts = new List<string>();
    foreach (var table in new[] { "gcf", "lfm", "als", "ub", OracleLists.TableName })
    {
        if (catalog.Table(table) is not { KeyKind: TableKeyKind.User } t) continue;
        var (share, users) = oracle.UserListQuality(t);
        var (whole, _) = oracle.UserListQuality(t, int.MaxValue);
        parts.Add($"{table} {share:P1} / {whole:P1} ({users:N0} users)");
    }
    Console.WriteLine($"  list quality (share of a user's top 15 / whole list among the {3 * OracleLists.PerInterest} true nearest of their interests): " +
        string.Join(", ", parts));
    if (catalog.Table("contextual") is { KeyKind: TableKeyKind.Track } contextual)
    {
        var (share, tracks) = oracle.TrackRowQuality(contextual);
        Console.WriteLine($"  contextual rows: {share:P1} among the track's {OracleLists.PerInterest} true nearest ({tracks:N0} tracks with a row, " +
                          $"mean length {contextual.Rows.Average(r => r.Value.Length):0.0})");
    }
    if (catalog.Table(SimilarArtists.TableName) is { } similar)
    {
        Console.WriteLine($"  similar artists: {similar.RowCount:N0} artists with a list");
    }
}
