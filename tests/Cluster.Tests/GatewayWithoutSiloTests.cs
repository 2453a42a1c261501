using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Botify.Catalogs.Redis;
using Botify.TestSupport;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Botify.Cluster.Tests;

/// <summary>A cluster-mode gateway whose cluster has no silo yet.</summary>
public sealed class GatewayWithoutSiloTests(RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Gateway_without_a_silo_answers_503_within_2_s_and_recovers_when_a_silo_starts()
    {
        using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.Address))
        {
            await new RedisCatalogStore(connection).PublishAsync(ClusterCatalog.Build(), "cluster test");
        }
        var clusterId = "nosilo-" + Guid.NewGuid().ToString("N")[..8];
        using var gateway = new ClusterGatewayApp(redis.Address, clusterId);
        using var http = gateway.Http();
        using var admin = gateway.AdminHttp();
        await WaitForAsync(async () => (await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK, "the gateway's catalog");

        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            using var answer = await http.PostAsJsonAsync("/next/7", new { track = 5, time = 0.5 });
            var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
            output.WriteLine($"no silo: {(int)answer.StatusCode} after {clock.Elapsed.TotalMilliseconds:F0} ms: {body}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"503 took {clock.Elapsed.TotalSeconds:F2} s");
            Assert.Contains("has not reached the cluster yet", body.GetProperty("message").GetString());
            Assert.Contains("start a silo", body.GetProperty("message").GetString());
        }

        using (var view = await admin.GetAsync("/user/7"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, view.StatusCode);
            Assert.Contains("has not reached the cluster yet", (await view.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        }

        await using var silo = await ClusterSiloHost.StartAsync(redis.Address, clusterId);
        var recovery = Stopwatch.StartNew();
        await WaitForAsync(async () =>
        {
            using var answer = await http.PostAsJsonAsync("/next/7", new { track = 5, time = 0.5 });
            return answer.StatusCode == HttpStatusCode.OK;
        }, "a 200 after the silo started");
        output.WriteLine($"silo started: first 200 after {recovery.Elapsed.TotalSeconds:F2} s");

        var user = await admin.GetFromJsonAsync<JsonElement>("/user/7");
        Assert.Equal("[5]", user.GetProperty("history").GetRawText()); // the refused plays changed nothing
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (await condition()) return;
            await Task.Delay(250);
        }
        Assert.Fail($"{what} did not come within 60 s");
    }
}
