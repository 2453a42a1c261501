using System.Net.Http.Headers;
using Xunit.Abstractions;

namespace Botify.Gateway.Tests;

/// <summary>
/// Seeded random mutations of valid bodies over real HTTP (BOTIFY_HTTP_FUZZ_COUNT overrides
/// the count): no 5xx, every refusal is a JSON message, and user state and the event log
/// hold exactly the accepted plays.
/// </summary>
public sealed class HttpFuzzTests(CatalogGatewayFixture gateway, ITestOutputHelper output) : IClassFixture<CatalogGatewayFixture>
{
    [Fact]
    public async Task Mutated_requests_never_get_a_5xx_and_only_accepted_plays_change_state()
    {
        const int seed = 7;
        var count = int.TryParse(Environment.GetEnvironmentVariable("BOTIFY_HTTP_FUZZ_COUNT"), out var c) ? c : 2_000;
        var mutator = new BodyMutator(seed);
        var http = gateway.Http;
        var users = new[] { gateway.NewUser(), gateway.NewUser(), gateway.NewUser() };
        var accepted = users.ToDictionary(u => u, _ => new List<int>());
        var statuses = new SortedDictionary<int, int>();
        for (var i = 0; i < count; i++)
        {
            var user = users[i % users.Length];
            var body = mutator.Next();
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var response = await http.PostAsync(i % 4 == 3 ? $"/last/{user}" : $"/next/{user}", content);
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
                Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("message").GetString()));
            }
        }
        output.WriteLine($"seed {seed}: {count} mutated requests; statuses {string.Join(", ", statuses.Select(p => $"{p.Key}: {p.Value}"))}");
        Assert.DoesNotContain(statuses.Keys, s => s >= 500);

        foreach (var user in users)
        {
            var history = await http.History(user);
            var expected = accepted[user].TakeLast(100).ToArray();
            Assert.Equal(expected, history);
            var lines = await EventLines.WaitForUser(gateway.App.LogDir, user, accepted[user].Count);
            Assert.Equal(accepted[user], lines.Select(l => l.GetProperty("track").GetInt32()));
        }
    }
}
