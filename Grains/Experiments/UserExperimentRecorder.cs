using Botify.Contracts.AbTesting;
using Botify.Contracts.Experiments;
using Botify.Contracts.Listening;
using Microsoft.Extensions.Logging;

namespace Botify.Grains.Experiments;

/// <summary>
/// The live-experiment part of one user grain: each applied play joins the open session of every experiment the user is
/// in (<see cref="UserState.Experiments"/>, persisted with the play); a `last` closes it and bumps the contribution version.
/// After the state write, <see cref="SendPending"/> sends every unconfirmed version to its aggregate shard in the
/// background — the request does not wait — and marks it confirmed (in memory; stored with the user's next write). A
/// send that fails is retried with a growing delay; one lost with its silo is sent again when the grain next activates,
/// and the shard ignores versions it already has, so every closed session reaches the aggregate exactly once.
/// </summary>
public sealed partial class UserExperimentRecorder
{
    private readonly UserState state;
    private readonly UserExperimentTally[] tallies;
    private readonly long user;
    private readonly IGrainFactory grains;
    private readonly LiveExperimentOptions options;
    private readonly ILogger logger;
    private Task sending = Task.CompletedTask;
    private bool sendAgain;

    public UserExperimentRecorder(UserState state, ExperimentArm[] arms, long user, IGrainFactory grains, LiveExperimentOptions options, ILogger logger)
    {
        this.state = state;
        this.user = user;
        this.grains = grains;
        this.options = options;
        this.logger = logger;
        tallies = options.Enabled ? TalliesOf(state, arms) : [];
    }

    /// <summary>An applied play joins the open session; its latency is counted from the gateway's receipt to now (before the write).</summary>
    public void Play(double time, long receivedTicks)
    {
        if (tallies.Length == 0) return;
        var latencyMs = receivedTicks == 0 ? 0 : Math.Max(0, (DateTime.UtcNow.Ticks - receivedTicks) / (double)TimeSpan.TicksPerMillisecond);
        foreach (var t in tallies) t.Tally.Play(time, latencyMs);
    }

    /// <summary>A `last` play (already passed to <see cref="Play"/>) closes the session: a new contribution version.</summary>
    public void CloseSession()
    {
        foreach (var t in tallies)
        {
            if (t.Tally.CloseSession() > 0) t.Version++;
        }
    }

    /// <summary>Starts sending unconfirmed contributions unless a send is already running (which then goes round once more).</summary>
    public void SendPending()
    {
        if (!HasPending()) return;
        if (!sending.IsCompleted)
        {
            sendAgain = true;
            return;
        }
        sending = SendAsync();
    }

    private bool HasPending()
    {
        foreach (var t in state.Experiments)
        {
            if (t.Pending) return true;
        }
        return false;
    }

    // Runs in the grain's context (between its requests), so reading and marking the tallies never races a play.
    private async Task SendAsync()
    {
        var delay = options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            sendAgain = false;
            var failed = false;
            foreach (var t in state.Experiments)
            {
                if (!t.Pending || options.Shards < 1) continue;
                var version = t.Version;
                var closed = t.Tally;
                var contribution = new UserContribution(user, t.Arm, version, closed.Sessions, closed.Tracks, closed.Time, closed.LatencyMs);
                var shard = grains.GetGrain<IExperimentShardGrain>(ExperimentShards.Key(t.Experiment, ExperimentShards.Of(user, options.Shards)));
                try
                {
                    await shard.Apply(contribution).WaitAsync(options.SendTimeout);
                    if (version > t.Sent) t.Sent = version;
                }
                catch (Exception e)
                {
                    failed = true;
                    LogSendFailed(logger, user, t.Experiment, version, attempt, e.GetType().Name, e.Message);
                }
            }
            if (!failed && !sendAgain) return;
            if (failed)
            {
                if (attempt >= options.MaxAttempts) return;
                await Task.Delay(delay);
                delay *= 2;
            }
        }
    }

    // The user's tally of each experiment they are in, created on first use; tallies of experiments no longer configured stay stored.
    private static UserExperimentTally[] TalliesOf(UserState state, ExperimentArm[] arms)
    {
        var result = new UserExperimentTally[arms.Length];
        for (var a = 0; a < arms.Length; a++)
        {
            var found = state.Experiments.Find(t => t.Experiment == arms[a].Experiment && t.Arm == arms[a].Arm);
            if (found is null)
            {
                found = new UserExperimentTally { Experiment = arms[a].Experiment, Arm = arms[a].Arm };
                state.Experiments.Add(found);
            }
            result[a] = found;
        }
        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "user {User}: the live aggregate of experiment {Experiment} did not confirm contribution {Version} (try {Attempt}): {Type}: {Reason}; "
            + "it is sent again later")]
    private static partial void LogSendFailed(ILogger logger, long user, string experiment, long version, int attempt, string type, string reason);
}
