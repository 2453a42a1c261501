using System.Diagnostics;
using Botify.Sim.Traffic;

namespace Botify.Ops.Bench;

/// <summary>
/// Brings a gateway to a number of distinct users before the scale benchmark measures it: one `POST /next` for each user id of
/// a range, through the simulator's raw HTTP client on <c>connections</c> keep-alive connections, a failed request retried a few
/// times (the admission limit sheds with 503 while thousands of grains activate). Also plays a few users up to a full history.
/// </summary>
public sealed class UserFill(string url, int[] tracks, int connections, TimeSpan timeout)
{
    /// <summary>Attempts per user before it counts as not reached.</summary>
    public const int Attempts = 5;

    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);

    /// <summary>One `/next` to each user in [<paramref name="from"/>, <paramref name="to"/>), progress every few seconds.</summary>
    public async Task<FillResult> FillAsync(long from, long to, Action<string> progress, CancellationToken cancellation)
    {
        using var gateway = new RawHttpGateway(new Uri(url), timeout);
        await gateway.ProbeAsync(cancellation);
        var next = from - 1;
        long reached = 0, failed = 0, requests = 0;
        string? firstError = null;
        var wall = Stopwatch.StartNew();

        async Task Worker(int seed)
        {
            using var channel = gateway.OpenChannel();
            var random = new Random(seed);
            long user;
            while ((user = Interlocked.Increment(ref next)) < to)
            {
                var ok = false;
                for (var attempt = 0; attempt < Attempts && !ok; attempt++)
                {
                    if (attempt > 0) await Task.Delay(RetryPause, cancellation);
                    Interlocked.Increment(ref requests);
                    var reply = await channel.NextAsync((int)user, tracks[random.Next(tracks.Length)], random.NextDouble(), cancellation);
                    ok = reply.Ok;
                    if (!ok) Interlocked.CompareExchange(ref firstError, $"user {user}: {reply.Error}", null);
                }
                Interlocked.Increment(ref ok ? ref reached : ref failed);
            }
        }

        var workers = new Task[connections];
        for (var i = 0; i < workers.Length; i++) workers[i] = Worker(unchecked((int)from * 31 + i));
        var all = Task.WhenAll(workers);
        var total = to - from;
        while (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(10), cancellation)) != all)
        {
            var done = Interlocked.Read(ref reached) + Interlocked.Read(ref failed);
            progress($"  {done:N0} of {total:N0} users ({100.0 * done / total:0} %, {done / wall.Elapsed.TotalSeconds:0} users/s)");
        }
        await all;
        return new FillResult(reached, failed, requests, firstError, wall.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// <paramref name="plays"/> requests to each of <paramref name="users"/> one after another (their history and request-id window
    /// then full); every 20th from the 10th is a `last`, so the user's experiment tally holds closed sessions and an open one (all of
    /// its sums, the largest record); the others are `/next`. Returns the requests that failed.
    /// </summary>
    public async Task<int> PlayAsync(IReadOnlyList<long> users, int plays, CancellationToken cancellation)
    {
        using var gateway = new RawHttpGateway(new Uri(url), timeout);
        await gateway.ProbeAsync(cancellation);
        using var channel = gateway.OpenChannel();
        var random = new Random(7);
        var failures = 0;
        foreach (var user in users)
        {
            for (var i = 0; i < plays; i++)
            {
                var track = tracks[random.Next(tracks.Length)];
                var reply = i % 20 == 9
                    ? await channel.LastAsync((int)user, track, random.NextDouble(), cancellation)
                    : await channel.NextAsync((int)user, track, random.NextDouble(), cancellation);
                if (!reply.Ok) failures++;
            }
        }
        return failures;
    }
}
