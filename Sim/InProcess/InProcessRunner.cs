using System.Collections.Frozen;
using System.Diagnostics;
using Botify.Contracts.Catalog;
using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;
using Botify.Contracts.Listening;
using Botify.Sim.Listening;
using Botify.Sim.Randomness;
using Botify.Sim.Traffic;
using Botify.Sim.World;

namespace Botify.Sim.InProcess;

/// <summary>
/// Plays episodes in-process the way the service would serve them, and writes the lines its gateway would log: users split
/// between arms by the service's assignment rule, every play applied to the user's <see cref="UserState"/> through the
/// service's <see cref="ListenerStateRules"/> with the arm's recommender, on the catalog `Lab publish` makes of the world's
/// tracks. Episode i depends only on (seed, i), whatever the number of workers: each worker plays the episodes of its users
/// (user mod workers) in order into its own files, and the line of step k of episode i carries the timestamp
/// start + i·(cap + 1) + k ms, so timestamps strictly increase per user and within a file, and sessionising by timestamp is exact.
/// </summary>
public sealed class InProcessRunner(SimWorld world, ListenerModelOptions model)
{
    /// <summary>The instance name in the log's file names (`events-sim-0001.jsonl`; with several workers `events-sim1-0001.jsonl`, ...).</summary>
    public const string LogInstance = "sim";

    /// <summary>Size at which the log moves on to its next file, as the gateway's default.</summary>
    public const long LogFileBytes = 64L << 20;

    private const int ProgressEvery = 256;

    private readonly SimWorld world = world;
    private readonly ListenerModelOptions model = model;
    private readonly CatalogSnapshot catalog = CatalogOf(world);

    /// <summary>The log instance of each worker: `sim` alone, else `sim1`, `sim2`, ...</summary>
    public static string[] LogInstances(int workers)
    {
        if (workers == 1) return [LogInstance];
        var names = new string[workers];
        for (var w = 0; w < workers; w++) names[w] = $"{LogInstance}{w + 1}";
        return names;
    }

    /// <summary>
    /// Runs episodes 0..episodes−1 on <paramref name="workers"/> threads; <paramref name="progress"/> gets the count of finished
    /// episodes (from any worker's thread). The simulated clock ends at the run's start, or starts after the folder's latest line.
    /// </summary>
    public RunSummary Run(string experiment, string[] armPolicies, string? logDirectory, int episodes, long seed, Action<long>? progress = null,
        int workers = 1)
    {
        var split = armPolicies.Length;
        if (split is < ExperimentAssignment.MinArms or > ExperimentAssignment.MaxArms)
        {
            throw new ArgumentException($"experiment '{experiment}': split {split}; give " +
                $"{ExperimentAssignment.MinArms}..{ExperimentAssignment.MaxArms} arms (C, T1, ...)");
        }
        if (workers < 1) throw new ArgumentException($"workers {workers}: give 1 or more");
        var recommenders = new IRecommender[split];
        var armsOfLine = new ExperimentArm[split][];
        for (var i = 0; i < split; i++)
        {
            recommenders[i] = PolicyCatalog.Create(armPolicies[i]);
            armsOfLine[i] = [new ExperimentArm(experiment, ExperimentAssignment.ArmName(i))];
        }

        var files = logDirectory is null ? null : Array.ConvertAll(LogInstances(workers), name => new EventLogFileSet(logDirectory, name, LogFileBytes));
        var stride = model.MaxRecommendations + 1L;
        long latest = 0;
        foreach (var set in files ?? []) latest = Math.Max(latest, set.LatestTimestamp());
        var play = new Share(this, experiment, recommenders, armsOfLine, episodes, seed, workers,
            Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - episodes * stride, latest + 1), stride, progress);

        var started = Stopwatch.GetTimestamp();
        var tallies = new EpisodeTally[workers][];
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w => tallies[w] = play.Run(w, files?[w]));
        progress?.Invoke(episodes);

        var total = new EpisodeTally();
        var arms = new List<ArmSummary>();
        for (var i = 0; i < split; i++)
        {
            var arm = new EpisodeTally();
            foreach (var worker in tallies) arm.Merge(worker[i]);
            total.Merge(arm);
            var (reward, rewardSem) = arm.Reward();
            var (steps, stepsSem) = arm.Steps();
            var capShare = arm.Episodes == 0 ? 0 : (double)arm.CappedEpisodes / arm.Episodes;
            arms.Add(new ArmSummary(ExperimentAssignment.ArmName(i), armPolicies[i], arm.Episodes, reward, rewardSem, steps, stepsSem, capShare));
        }
        return RunSummary.From("in-process", $"experiment {experiment}", seed, workers, total, Stopwatch.GetElapsedTime(started), arms);
    }

    /// <summary>The world's tracks as the service loads them from `tracks.json` (artists numbered in order of first appearance).</summary>
    public static CatalogSnapshot CatalogOf(SimWorld world)
    {
        var entries = new TrackEntry[world.TrackCount];
        for (var t = 0; t < entries.Length; t++) entries[t] = new TrackEntry(t, world.ArtistNames[world.ArtistOfTrack[t]], world.Titles[t]);
        return new CatalogSnapshot("world", TrackCatalog.Build(entries), [], FrozenDictionary<string, RecommendationTable>.Empty);
    }

    /// <summary>One run's settings, shared by its workers; <see cref="Run"/> plays one worker's users.</summary>
    private sealed class Share(InProcessRunner runner, string experiment, IRecommender[] recommenders, ExperimentArm[][] armsOfLine, int episodes,
        long seed, int workers, long start, long stride, Action<long>? progress)
    {
        private readonly uint seedOfExperiment = ExperimentAssignment.Seed(experiment);
        private long finished;

        public EpisodeTally[] Run(int worker, EventLogFileSet? files)
        {
            var world = runner.world;
            var catalog = runner.catalog;
            var rules = new ListenerStateRules(ListenerStateRules.DefaultHistoryLength, ListenerStateRules.DefaultSessionLength,
                ListenerStateRules.DefaultIdempotencyWindow, ListenerStateRules.DefaultStartMethod);
            var states = new UserState?[world.Listeners.Length];
            var tallies = new EpisodeTally[recommenders.Length];
            for (var i = 0; i < tallies.Length; i++) tallies[i] = new EpisodeTally();
            var session = new ListenerSession(world, runner.model);
            var random = new StreamRandom(RandomStream.For(seed, 0, 1));
            using var log = files is null ? null : new EventLogFileWriter(files);
            var played = 0;
            for (var episode = 0; episode < episodes; episode++)
            {
                var rng = RandomStream.For(seed, episode);
                var user = rng.NextInt(world.Listeners.Length);
                if (user % workers != worker) continue;
                random.Use(RandomStream.For(seed, episode, 1));
                var state = states[user] ??= NewState(rules);
                var arm = ExperimentAssignment.ArmIndex(user, seedOfExperiment, recommenders.Length);
                var recommender = recommenders[arm];
                var tally = tallies[arm];
                var clock = start + episode * stride;
                session.Start(user, rng);
                while (!session.Ended)
                {
                    var play = new ListenerPlay(user, session.PreviousTrack, session.PreviousTime, Guid.Empty);
                    var before = Stopwatch.GetTimestamp();
                    var outcome = rules.Next(state, play, recommender, catalog, random, out var recommendation);
                    var latency = Stopwatch.GetElapsedTime(before);
                    if (outcome != PlayOutcome.Applied) throw Refused(play, outcome);
                    tally.AddRequest((long)latency.TotalMicroseconds);
                    log?.Write(new LogEvent(LogMessage.Next, clock++, user, play.Track, play.Time, latency.TotalSeconds, recommendation, armsOfLine[arm]));
                    session.Consume(recommendation, rng);
                }
                var last = new ListenerPlay(user, session.PreviousTrack, session.PreviousTime, Guid.Empty);
                var lastOutcome = rules.Last(state, last, recommender, catalog, random);
                if (lastOutcome != PlayOutcome.Applied) throw Refused(last, lastOutcome);
                tally.AddRequest(0);
                log?.Write(new LogEvent(LogMessage.Last, clock, user, last.Track, last.Time, 0, null, armsOfLine[arm]));
                tally.AddEpisode(session.Reward, session.Steps, session.HitCap);
                if (++played % ProgressEvery == 0) progress?.Invoke(Interlocked.Add(ref finished, ProgressEvery));
            }
            return tallies;
        }

        private static UserState NewState(ListenerStateRules rules)
        {
            var state = new UserState();
            rules.Activate(state);
            return state;
        }

        private static InvalidOperationException Refused(ListenerPlay play, PlayOutcome outcome) =>
            new($"user {play.User}: the service's rules refused the play of track {play.Track} ({outcome}); the world and its catalog disagree");
    }
}
