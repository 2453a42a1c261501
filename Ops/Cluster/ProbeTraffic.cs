using System.Text;

namespace Botify.Ops.Cluster;

/// <summary>
/// Probe users for the failover window: each plays a known track every <see cref="Pause"/> through nginx for a while, recording
/// every call. Fresh user ids each run, so they are placed anew over the silos.
/// </summary>
public static class ProbeTraffic
{
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A block of <paramref name="users"/> ids above the simulator's listeners, different every run.</summary>
    public static long FirstUser(int users) => 1_000_000 + DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 50_000 * users;

    public static async Task<IReadOnlyList<ProbeCall>> RunAsync(string serviceUrl, int track, int users, long firstUser, TimeSpan duration,
        CancellationToken cancellation)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = users }) { Timeout = CallTimeout };
        var end = DateTime.UtcNow + duration;
        var body = $"{{\"track\":{track},\"time\":0.5}}";
        var calls = new List<ProbeCall>();
        await Task.WhenAll(Enumerable.Range(0, users).Select(i => PlayAsync(firstUser + i)));
        return calls;

        async Task PlayAsync(long user)
        {
            while (DateTime.UtcNow < end && !cancellation.IsCancellationRequested)
            {
                var sent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                int status;
                try
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync($"{serviceUrl}/next/{user}", content, cancellation);
                    status = (int)response.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
                {
                    status = 0;
                }
                lock (calls) calls.Add(new ProbeCall(user, sent, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), status));
                await Task.Delay(Pause, cancellation);
            }
        }
    }
}
