using System.Diagnostics;
using Botify.Catalogs.Redis;
using Botify.Contracts.Catalog;
using Botify.Contracts.Listening;
using Botify.TestSupport;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Botify.Gateway.Tests;

/// <summary>Single-machine mode with --redis: state in Redis as the compact record, catalogs from Redis, outages answered with 503 and
/// recovered from.</summary>
public sealed class RedisStorageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task User_state_is_json_in_redis_and_survives_a_restart()
    {
        using var redis = new RedisServer();
        await redis.InitializeAsync();
        await PublishCatalog(redis.Address);
        const int user = 501;
        await using (var app = new GatewayApp(redis: redis.Address))
        {
            using var http = app.Http();
            using var admin = app.AdminHttp();
            var health = await (await admin.GetAsync("/health")).Expect(200);
            Assert.Equal("redis", health.GetProperty("storage").GetString());
            Assert.Equal(redis.Address, health.GetProperty("redis").GetString());
            await (await http.Next(user, 10, 1.0)).Expect(200);
            await (await http.Next(user, 11, 0.2)).Expect(200);
        }

        using (var mux = await ConnectionMultiplexer.ConnectAsync(redis.Address))
        {
            var keys = mux.GetServer(redis.Address).Keys(pattern: $"*user*{user}*").ToArray();
            var key = Assert.Single(keys);
            var record = (byte[])(await mux.GetDatabase().HashGetAsync(key, "data"))!;
            output.WriteLine($"redis-cli HGET \"{key}\" data → {Convert.ToHexString(record)}");
            Assert.Equal([10, 11], UserRecord.Read(record).History);
        }

        await using (var app = new GatewayApp(redis: redis.Address))
        {
            using var admin = app.AdminHttp();
            var history = await admin.History(user);
            Assert.Equal(new[] { 10, 11 }, history);
        }
    }

    [Fact]
    public async Task Redis_outage_answers_503_quickly_and_the_service_recovers_by_itself()
    {
        using var redis = new RedisServer();
        await redis.InitializeAsync();
        await PublishCatalog(redis.Address);
        await using var app = new GatewayApp(redis: redis.Address);
        using var http = app.Http();
        await (await http.Next(601, 10, 1.0)).Expect(200);

        redis.Stop();
        foreach (var user in new[] { 601, 602 })
        {
            var clock = Stopwatch.StartNew();
            var error = await (await http.Next(user, 12, 0.5)).Expect(503);
            output.WriteLine($"user {user} with Redis down: 503 after {clock.Elapsed.TotalSeconds:F2} s: {error.GetProperty("message").GetString()}");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3.5), $"503 took {clock.Elapsed.TotalSeconds:F2} s");
        }

        await redis.StartAsync(); // back, but empty
        var recovery = Stopwatch.StartNew();
        var status = 0;
        while (recovery.Elapsed < TimeSpan.FromSeconds(30) && status != 200)
        {
            status = (int)(await http.Next(601, 14, 0.5)).StatusCode;
            if (status != 200) await Task.Delay(200);
        }
        output.WriteLine($"recovered after Redis returned: {recovery.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(200, status);
        await (await http.Next(602, 15, 0.5)).Expect(200);

        // Redis came back empty: the catalog snapshot in memory keeps serving, and health says what is missing.
        var problem = "";
        // The loader notices Redis is back (and empty) on its next poll: until then it may still report "unreachable".
        for (var i = 0; i < 100 && !(problem ?? "").Contains("no current catalog"); i++)
        {
            using var admin = app.AdminHttp();
            var health = await (await admin.GetAsync("/health")).Expect(200);
            problem = health.TryGetProperty("catalogProblem", out var p) ? p.GetString() : null;
            if (!(problem ?? "").Contains("no current catalog")) await Task.Delay(200);
        }
        output.WriteLine($"health after Redis lost the catalog: {problem}");
        Assert.Contains("no current catalog", problem);

        var lines = EventLines.ReadAll(app.LogDir);
        await EventLines.WaitForUser(app.LogDir, 602, 1);
        lines = EventLines.ReadAll(app.LogDir);
        // Only answered plays are logged: 601's first and last, 602's last.
        Assert.Equal(new[] { (601, 10), (601, 14), (602, 15) },
            lines.Select(l => (l.GetProperty("user").GetInt32(), l.GetProperty("track").GetInt32())).Order());
    }

    private static async Task PublishCatalog(string address)
    {
        using var mux = await ConnectionMultiplexer.ConnectAsync(address);
        await new RedisCatalogStore(mux).PublishAsync(CatalogFiles.Read(TestCatalogFolder.Write()), "gateway tests");
    }
}
