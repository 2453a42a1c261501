using System.Diagnostics;
using System.Threading.Channels;
using Botify.Sim.Listening;
using Botify.Sim.Randomness;
using Botify.Sim.World;

namespace Botify.Sim.Traffic;

/// <summary>
/// Plays episodes against the gateway, <c>concurrency</c> sessions at a time, one request in
/// flight per session. Episode i draws its listener and every choice from stream (seed, i), and a
/// user's episodes run one at a time in episode order (the service keeps per-user state), so the
/// results do not depend on the concurrency.
/// </summary>
public sealed class TrafficRunner(SimWorld world, ListenerModelOptions model, IGatewayClient client)
{
    private long finishedEpisodes;
    private long sentRequests;

    public long FinishedEpisodes => Interlocked.Read(ref finishedEpisodes);
    public long SentRequests => Interlocked.Read(ref sentRequests);

    /// <summary>Listener (= user id) of each episode, drawn exactly as the episode itself draws it.</summary>
    public static int[] UsersOf(int episodes, long seed, int listeners)
    {
        var users = new int[episodes];
        for (var i = 0; i < episodes; i++) users[i] = RandomStream.For(seed, i).NextInt(listeners);
        return users;
    }

    public async Task<RunSummary> RunAsync(string target, int episodes, long seed, int concurrency, CancellationToken cancellation)
    {
        Interlocked.Exchange(ref finishedEpisodes, 0);
        Interlocked.Exchange(ref sentRequests, 0);
        var users = UsersOf(episodes, seed, world.Listeners.Length);
        // Each user's episodes in order (CSR layout): pending[start[u]..start[u+1]).
        var start = new int[world.Listeners.Length + 1];
        foreach (var user in users) start[user + 1]++;
        for (var u = 0; u < world.Listeners.Length; u++) start[u + 1] += start[u];
        var cursor = (int[])start.Clone();
        var pending = new int[episodes];
        for (var i = 0; i < episodes; i++) pending[cursor[users[i]]++] = i;
        Array.Copy(start, cursor, cursor.Length);

        var ready = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
        var queued = new bool[world.Listeners.Length];
        foreach (var user in users)
        {
            if (queued[user]) continue;
            queued[user] = true;
            ready.Writer.TryWrite(user);
        }
        if (episodes == 0) ready.Writer.TryComplete();

        var remaining = episodes;
        var tallies = new EpisodeTally[Math.Max(1, concurrency)];
        var started = Stopwatch.GetTimestamp();
        var workers = new Task[tallies.Length];
        for (var w = 0; w < workers.Length; w++)
        {
            var tally = tallies[w] = new EpisodeTally();
            workers[w] = Task.Run(async () =>
            {
                var session = new ListenerSession(world, model);
                using var channel = client.OpenChannel();
                await foreach (var user in ready.Reader.ReadAllAsync(cancellation))
                {
                    var episode = pending[cursor[user]++];
                    await PlayAsync(episode, seed, session, channel, tally, cancellation);
                    Interlocked.Increment(ref finishedEpisodes);
                    if (cursor[user] < start[user + 1]) ready.Writer.TryWrite(user);
                    if (Interlocked.Decrement(ref remaining) == 0) ready.Writer.TryComplete();
                }
            }, cancellation);
        }
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var total = new EpisodeTally();
        foreach (var tally in tallies) total.Merge(tally);
        return RunSummary.From("http", target, seed, concurrency, total, elapsed, []);
    }

    private async Task PlayAsync(int episode, long seed, ListenerSession session, IGatewayChannel channel, EpisodeTally tally, CancellationToken cancellation)
    {
        var rng = RandomStream.For(seed, episode);
        var user = rng.NextInt(world.Listeners.Length);
        session.Start(user, rng);
        while (!session.Ended)
        {
            var before = Stopwatch.GetTimestamp();
            var reply = await channel.NextAsync(user, session.PreviousTrack, session.PreviousTime, cancellation);
            Interlocked.Increment(ref sentRequests);
            if (!reply.Ok)
            {
                tally.AddError(reply.Error!);
                tally.AddFailedEpisode();
                return;
            }
            tally.AddRequest((long)Stopwatch.GetElapsedTime(before).TotalMicroseconds);
            if ((uint)reply.Track >= (uint)world.TrackCount)
            {
                tally.AddProblem("unknown track");
                tally.AddFailedEpisode();
                return;
            }
            session.Consume(reply.Track, rng);
        }
        var lastStarted = Stopwatch.GetTimestamp();
        var last = await channel.LastAsync(user, session.PreviousTrack, session.PreviousTime, cancellation);
        Interlocked.Increment(ref sentRequests);
        if (!last.Ok)
        {
            tally.AddError(last.Error!);
            tally.AddFailedEpisode();
            return;
        }
        tally.AddRequest((long)Stopwatch.GetElapsedTime(lastStarted).TotalMicroseconds);
        tally.AddEpisode(session.Reward, session.Steps, session.HitCap);
    }
}
