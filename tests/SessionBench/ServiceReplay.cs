using System.Diagnostics;
using Botify.Contracts.Catalog;
using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;
using Botify.Contracts.Listening;
using Botify.Grains;
using Botify.Sim.Listening;
using Botify.Sim.Randomness;
using Botify.Sim.World;

namespace Botify.SessionBench;

/// <summary>
/// Plays simulated sessions against the service's own recommenders in-process, keeping one
/// <see cref="UserState"/> per user through the grain's own <see cref="ListenerStateRules"/>:
/// each `next` recorded and answered, each `last` observed and the session ended.
/// </summary>
public sealed class ServiceReplay(SimWorld world, ListenerModelOptions model, BotifyOptions settings)
{
    private readonly ListenerStateRules rules = settings.CreateStateRules();

    /// <summary>
    /// Episodes 0..episodes−1 of <paramref name="seed"/>; the arm of a user is <paramref name="armOf"/>(user).
    /// With a log writer, writes the gateway's event lines (experiment <paramref name="experiment"/>).
    /// </summary>
    public EpisodeStats[] Play(Dictionary<int, UserState> states, CatalogSnapshot catalog, IRecommender[] arms, Func<int, int> armOf,
        int episodes, long seed, EventLogFileWriter? log = null, string experiment = "")
    {
        var stats = new EpisodeStats[arms.Length];
        var armsOfLine = new ExperimentArm[arms.Length][];
        for (var a = 0; a < arms.Length; a++)
        {
            stats[a] = new EpisodeStats();
            armsOfLine[a] = [new ExperimentArm(experiment, ExperimentAssignment.ArmName(a))];
        }
        var random = new Random(unchecked((int)(seed * 7919 + 17)));
        var session = new ListenerSession(world, model);
        var clock = (log?.Files.LatestTimestamp() ?? 1_764_000_000_000L) + 1;
        for (var episode = 0; episode < episodes; episode++)
        {
            var rng = RandomStream.For(seed, episode);
            var user = rng.NextInt(world.Listeners.Length);
            var arm = armOf(user);
            var recommender = arms[arm];
            if (!states.TryGetValue(user, out var state))
            {
                states[user] = state = new UserState();
                rules.Activate(state);
            }
            session.Start(user, rng);
            long requests = 0, ticks = 0;
            while (!session.Ended)
            {
                var before = Stopwatch.GetTimestamp();
                var play = new ListenerPlay(user, session.PreviousTrack, session.PreviousTime, Guid.Empty);
                var outcome = rules.Next(state, play, recommender, catalog, random, out var next);
                ticks += Stopwatch.GetTimestamp() - before;
                requests++;
                if (outcome != PlayOutcome.Applied) throw new InvalidOperationException($"user {user}: play of track {play.Track} was {outcome}; " +
                    $"the world and the catalog disagree");
                log?.Write(new LogEvent(LogMessage.Next, clock++, user, play.Track, play.Time, 0.0001, next, armsOfLine[arm]));
                session.Consume(next, rng);
            }
            var last = new ListenerPlay(user, session.PreviousTrack, session.PreviousTime, Guid.Empty);
            rules.Last(state, last, recommender, catalog, random);
            log?.Write(new LogEvent(LogMessage.Last, clock++, user, last.Track, last.Time, 0.0001, null, armsOfLine[arm]));
            stats[arm].AddRequests(requests, (double)ticks / Stopwatch.Frequency);
            stats[arm].Add(session.Reward, session.Steps, session.HitCap);
        }
        return stats;
    }

    /// <summary>A deep copy of every user's state, so several recommenders can start day 2 from the same day 1.</summary>
    public static Dictionary<int, UserState> Copy(Dictionary<int, UserState> states)
    {
        var copy = new Dictionary<int, UserState>(states.Count);
        foreach (var (user, state) in states) copy[user] = UserRecord.Read(UserRecord.Write(state));
        return copy;
    }
}
