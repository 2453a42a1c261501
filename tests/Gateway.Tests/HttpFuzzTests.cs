using System.Diagnostics;
using System.Net.Http.Headers;
using Xunit.Abstractions;

namespace Botify.Gateway.Tests;

/// <summary>
/// Seeded random mutations of valid bodies over real HTTP (BOTIFY_HTTP_FUZZ_COUNT overrides
/// the 20,000 default): no 5xx, every refusal is a JSON message, and user state and the event log
/// hold exactly the accepted plays. Several keep-alive connections run at once, each with its own users.
/// </summary>
public sealed class HttpFuzzTests(CatalogGatewayFixture gateway, ITestOutputHelper output) : IClassFixture<CatalogGatewayFixture>
{
    private const int Connections = 4;

    [Fact]
    public async Task Mutated_requests_never_get_a_5xx_and_only_accepted_plays_change_state()
    {
        const int seed = 7;
        var count = int.TryParse(Environment.GetEnvironmentVariable("BOTIFY_HTTP_FUZZ_COUNT"), out var c) ? c : 20_000;
        var clock = Stopwatch.StartNew();
        var runs = await Task.WhenAll(Enumerable.Range(0, Connections).Select(w =>
            Task.Run(() => Run(seed + w, count / Connections + (w < count % Connections ? 1 : 0)))));
        clock.Stop();

        var statuses = new SortedDictionary<int, int>();
        foreach (var run in runs)
        {
            foreach (var (status, n) in run.Statuses) statuses[status] = statuses.GetValueOrDefault(status) + n;
        }
        output.WriteLine($"seed {seed} (+0..{Connections - 1} per connection): {count:N0} mutated requests over HTTP on {Connections} connections " +
            $"in {clock.Elapsed.TotalSeconds:F1} s; statuses {string.Join(", ", statuses.Select(p => $"{p.Key}: {p.Value:N0}"))}");
        Assert.Equal(count, statuses.Values.Sum());
        Assert.DoesNotContain(statuses.Keys, s => s >= 500);

        var http = gateway.Admin;
        foreach (var run in runs)
        {
            foreach (var (user, tracks) in run.Accepted)
            {
                Assert.Equal(tracks.TakeLast(100).ToArray(), await http.History(user));
                var lines = await EventLines.WaitForUser(gateway.App.LogDir, user, tracks.Count);
                Assert.Equal(tracks, lines.Select(l => l.GetProperty("track").GetInt32()));
            }
        }
    }

    private sealed record FuzzRun(Dictionary<int, List<int>> Accepted, Dictionary<int, int> Statuses);

    // One connection's share: its own users, so the accepted plays of each user are in send order.
    private async Task<FuzzRun> Run(int seed, int count)
    {
        var mutator = new BodyMutator(seed);
        using var http = gateway.App.Http();
        var users = new[] { gateway.NewUser(), gateway.NewUser(), gateway.NewUser() };
        var accepted = users.ToDictionary(u => u, _ => new List<int>());
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < count; i++)
        {
            var user = users[i % users.Length];
            var body = mutator.Next();
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync(i % 4 == 3 ? $"/last/{user}" : $"/next/{user}", content);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status < 500, $"case {i} (seed {seed}): {status} for {System.Text.Encoding.UTF8.GetString(body)}");
            var json = await response.Json();
            if (status == 200)
            {
                var play = System.Text.Json.JsonDocument.Parse(body.AsMemory(body.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0)).RootElement;
                accepted[user].Add(play.GetProperty("track").GetInt32());
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("message").GetString()), $"case {i} (seed {seed}): {status} without a message");
            }
        }
        return new FuzzRun(accepted, statuses);
    }
}
