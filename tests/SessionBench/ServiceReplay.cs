using System.Diagnostics;
using System.Text.Json;
using Botify.Grains;
using Botify.Grains.Catalog;
using Botify.Grains.Recommenders;
using Botify.Sim.InProcess;
using Botify.Sim.Listening;
using Botify.Sim.Randomness;
using Botify.Sim.World;

namespace Botify.SessionBench;

/// <summary>
/// Plays simulated sessions against the service's own recommenders in-process, keeping one
/// <see cref="UserState"/> per user exactly as UserGrain does (through <see cref="PlayRecorder"/>):
/// each play recorded, the recommender asked, `last` observed and the session ended.
/// </summary>
public sealed class ServiceReplay(SimWorld world, ListenerModelOptions model, BotifyOptions settings)
{
    /// <summary>
    /// Episodes 0..episodes−1 of <paramref name="seed"/>; the arm of a user is <paramref name="armOf"/>(user).
    /// With a log writer, writes the gateway's event lines (experiment <paramref name="experiment"/>).
    /// </summary>
    public EpisodeStats[] Play(Dictionary<int, UserState> states, CatalogSnapshot catalog, IRecommender[] arms, Func<int, int> armOf,
        int episodes, long seed, EventLogWriter? log = null, string experiment = "")
    {
        var stats = new EpisodeStats[arms.Length];
        for (var a = 0; a < arms.Length; a++) stats[a] = new EpisodeStats();
        var random = new Random(unchecked((int)(seed * 7919 + 17)));
        var session = new ListenerSession(world, model);
        var clock = (log?.LatestTimestamp ?? 1_764_000_000_000L) + 1;
        for (var episode = 0; episode < episodes; episode++)
        {
            var rng = RandomStream.For(seed, episode);
            var user = rng.NextInt(world.Listeners.Length);
            var arm = armOf(user);
            var recommender = arms[arm];
            var armName = Botify.Sim.InProcess.ExperimentAssignment.ArmName(arm);
            if (!states.TryGetValue(user, out var state)) states[user] = state = new UserState { Method = settings.Session.StartMethod };
            session.Start(user, rng);
            long requests = 0, ticks = 0;
            while (!session.Ended)
            {
                PlayRecorder.Record(state, settings, session.PreviousTrack, session.PreviousTime, recommender.NeedsSession);
                var context = new RecommendationContext(user, session.PreviousTrack, session.PreviousTime, state, catalog, random);
                var before = Stopwatch.GetTimestamp();
                var next = PlayRecorder.Recommend(recommender, in context);
                ticks += Stopwatch.GetTimestamp() - before;
                requests++;
                log?.Write("next", clock++, user, session.PreviousTrack, session.PreviousTime, 0.0001, next, armName);
                session.Consume(next, rng);
            }
            PlayRecorder.Record(state, settings, session.PreviousTrack, session.PreviousTime, recommender.NeedsSession);
            recommender.ObserveLast(new RecommendationContext(user, session.PreviousTrack, session.PreviousTime, state, catalog, random));
            PlayRecorder.EndSession(state);
            log?.Write("last", clock++, user, session.PreviousTrack, session.PreviousTime, 0.0001, null, armName);
            stats[arm].AddRequests(requests, (double)ticks / Stopwatch.Frequency);
            stats[arm].Add(session.Reward, session.Steps, session.HitCap);
        }
        return stats;
    }

    /// <summary>A deep copy of every user's state, so several recommenders can start day 2 from the same day 1.</summary>
    public static Dictionary<int, UserState> Copy(Dictionary<int, UserState> states)
    {
        var copy = new Dictionary<int, UserState>(states.Count);
        foreach (var (user, state) in states) copy[user] = JsonSerializer.Deserialize<UserState>(JsonSerializer.Serialize(state))!;
        return copy;
    }
}
