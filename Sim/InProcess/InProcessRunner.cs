using System.Diagnostics;
using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;
using Botify.Sim.Listening;
using Botify.Sim.Randomness;
using Botify.Sim.Traffic;
using Botify.Sim.World;

namespace Botify.Sim.InProcess;

/// <summary>
/// Plays episodes against in-process policies split by the service's assignment rule and writes
/// the gateway's event-log lines. Timestamps come from a simulated clock (+1 ms per event), so
/// they strictly increase per user and sessionising by timestamp is exact.
/// </summary>
public sealed class InProcessRunner(SimWorld world, ListenerModelOptions model)
{
    /// <summary>The instance name in the log's file names (`events-sim-0001.jsonl`, ...).</summary>
    public const string LogInstance = "sim";

    /// <summary>Size at which the log moves on to its next file, as the gateway's default.</summary>
    public const long LogFileBytes = 64L << 20;

    /// <summary>Runs episodes 0..episodes−1 in order; <paramref name="progress"/> gets the count of finished episodes.</summary>
    public RunSummary Run(string experiment, string[] armPolicies, string? logDirectory, int episodes, long seed, Action<long>? progress = null)
    {
        var split = armPolicies.Length;
        if (split is < ExperimentAssignment.MinArms or > ExperimentAssignment.MaxArms)
        {
            throw new ArgumentException($"experiment '{experiment}': split {split}; give " +
                $"{ExperimentAssignment.MinArms}..{ExperimentAssignment.MaxArms} arms (C, T1, ...)");
        }
        var seedOfExperiment = ExperimentAssignment.Seed(experiment);
        var policies = new ITrackPolicy[split];
        var armNames = new string[split];
        var armsOfLine = new ExperimentArm[split][];
        var tallies = new EpisodeTally[split];
        for (var i = 0; i < policies.Length; i++)
        {
            policies[i] = PolicyCatalog.Create(armPolicies[i], world);
            armNames[i] = ExperimentAssignment.ArmName(i);
            armsOfLine[i] = [new ExperimentArm(experiment, armNames[i])];
            tallies[i] = new EpisodeTally();
        }

        using var log = logDirectory is null ? null : new EventLogFileWriter(new EventLogFileSet(logDirectory, LogInstance, LogFileBytes));
        var clock = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), (log?.Files.LatestTimestamp() ?? 0) + 1);
        var session = new ListenerSession(world, model);
        var started = Stopwatch.GetTimestamp();
        for (var episode = 0; episode < episodes; episode++)
        {
            var rng = RandomStream.For(seed, episode);
            var serviceRng = RandomStream.For(seed, episode, 1);
            var user = rng.NextInt(world.Listeners.Length);
            var arm = ExperimentAssignment.ArmIndex(user, seedOfExperiment, split);
            var policy = policies[arm];
            var tally = tallies[arm];
            session.Start(user, rng);
            while (!session.Ended)
            {
                var before = Stopwatch.GetTimestamp();
                var recommendation = policy.Next(user, session.PreviousTrack, serviceRng);
                var latency = Stopwatch.GetElapsedTime(before);
                tally.AddRequest((long)(latency.TotalMicroseconds));
                log?.Write(new LogEvent(
                    LogMessage.Next, clock++, user, session.PreviousTrack, session.PreviousTime, latency.TotalSeconds, recommendation, armsOfLine[arm]));
                session.Consume(recommendation, rng);
            }
            tally.AddRequest(0);
            log?.Write(new LogEvent(LogMessage.Last, clock++, user, session.PreviousTrack, session.PreviousTime, 0, null, armsOfLine[arm]));
            tally.AddEpisode(session.Reward, session.Steps, session.HitCap);
            if ((episode & 255) == 255) progress?.Invoke(episode + 1);
        }
        progress?.Invoke(episodes);

        var total = new EpisodeTally();
        var arms = new List<ArmSummary>();
        for (var i = 0; i < tallies.Length; i++)
        {
            total.Merge(tallies[i]);
            var (reward, rewardSem) = tallies[i].Reward();
            var (steps, stepsSem) = tallies[i].Steps();
            var capShare = tallies[i].Episodes == 0 ? 0 : (double)tallies[i].CappedEpisodes / tallies[i].Episodes;
            arms.Add(new ArmSummary(armNames[i], armPolicies[i], tallies[i].Episodes, reward, rewardSem, steps, stepsSem, capShare));
        }
        return RunSummary.From("in-process", $"experiment {experiment}", seed, 1, total, Stopwatch.GetElapsedTime(started), arms);
    }
}
