using System.Collections.Concurrent;
using System.Diagnostics;

namespace Botify.Gateway.Tests;

/// <summary>
/// Clients that each play one user's `/next` requests back to back (user 100 + worker, tracks in a fixed order) and
/// record every answer: acknowledged plays with their recommendation, refusals by the event log, anything else.
/// </summary>
internal sealed class PlayLoad
{
    private readonly List<(int Track, int Recommendation)>[] acknowledged;
    private readonly ConcurrentQueue<string> others = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task[] workers;
    private long ok;
    private long refused;
    private long lastOk;
    private (int User, int Track, string? RetryAfter, string Message)? firstRefusal;

    public PlayLoad(GatewayApp app, int count)
        : this(app.Http, count)
    {
    }

    public PlayLoad(Func<HttpClient> client, int count)
    {
        acknowledged = new List<(int, int)>[count];
        workers = new Task[count];
        for (var w = 0; w < count; w++)
        {
            var worker = w;
            acknowledged[w] = [];
            workers[w] = Task.Run(() => RunAsync(client, worker));
        }
    }

    public (int User, int Track, string? RetryAfter, string Message)? FirstRefusal => firstRefusal;

    public static int UserOf(int worker) => 100 + worker;

    public (long Ok, long Refused, long Other) Counts() => (Interlocked.Read(ref ok), Interlocked.Read(ref refused), others.Count);

    public IReadOnlyList<string> Others => [.. others];

    /// <summary>Each user's acknowledged plays, in the order they were sent.</summary>
    public Dictionary<int, List<(int Track, int Recommendation)>> Acknowledged()
    {
        var result = new Dictionary<int, List<(int, int)>>();
        for (var w = 0; w < acknowledged.Length; w++) result[UserOf(w)] = acknowledged[w];
        return result;
    }

    public Task WaitForRefusalsAsync(long count) => WaitAsync(() => Interlocked.Read(ref refused) >= count, $"{count} refusals");

    /// <summary>Waits for a play acknowledged after <paramref name="since"/> started.</summary>
    public Task WaitForAcknowledgedAfterAsync(Stopwatch since)
    {
        var startedAt = Stopwatch.GetTimestamp() - since.Elapsed.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
        return WaitAsync(() => Interlocked.Read(ref lastOk) > startedAt, "a play acknowledged after space returned");
    }

    public async Task StopAsync()
    {
        stop.Cancel();
        await Task.WhenAll(workers);
    }

    private async Task WaitAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new Xunit.Sdk.XunitException($"waited 60 s for {what}; others: {string.Join(" | ", others.Take(3))}");
            }
            if (Array.Exists(workers, w => w.IsFaulted)) await Task.WhenAll(workers);
            await Task.Delay(20);
        }
    }

    private async Task RunAsync(Func<HttpClient> client, int worker)
    {
        using var http = client();
        http.Timeout = TimeSpan.FromSeconds(10);
        var user = UserOf(worker);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var track = (worker * 13 + i) % TestCatalogFolder.TrackCount;
            using var response = await http.Next(user, track, 0.5);
            var status = (int)response.StatusCode;
            var body = await response.Json();
            if (status == 200)
            {
                acknowledged[worker].Add((track, body.GetProperty("track").GetInt32()));
                Interlocked.Increment(ref ok);
                Interlocked.Exchange(ref lastOk, Stopwatch.GetTimestamp());
            }
            else if (status == 503 && body.GetProperty("message").GetString() is { } message && message.Contains("event log"))
            {
                if (Interlocked.Increment(ref refused) == 1)
                {
                    firstRefusal = (user, track, response.Headers.RetryAfter?.ToString(), message);
                }
                await Task.Delay(5);
            }
            else
            {
                others.Enqueue($"{status}: {body}");
            }
        }
    }
}
