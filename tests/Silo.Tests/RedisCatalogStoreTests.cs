using Botify.Catalogs.Redis;
using Botify.TestSupport;
using StackExchange.Redis;

namespace Botify.Silo.Tests;

public sealed class RedisCatalogStoreTests : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly RedisServer server;
    private readonly string prefix = "test:" + Guid.NewGuid().ToString("N")[..8];
    private ConnectionMultiplexer redis = null!;

    public RedisCatalogStoreTests(RedisServer server) => this.server = server;

    public async Task InitializeAsync() => redis = await ConnectionMultiplexer.ConnectAsync(server.Address + ",allowAdmin=true");

    public async Task DisposeAsync() => await redis.DisposeAsync();

    [Fact]
    public async Task Publish_then_load_gives_the_same_catalog()
    {
        var store = Store(chunkBytes: 8192); // small chunks: every part is split
        var catalog = TestCatalogs.Build(generation: 4);

        var result = await store.PublishAsync(catalog, "unit test");
        var loaded = await store.LoadCurrentAsync();

        Assert.NotNull(loaded);
        Assert.Equal(result.Version, loaded.Version);
        Assert.Equal(result.Version, await store.GetCurrentVersionAsync());
        Assert.Contains(result.Parts, p => p.Name == "table:i2i" && p.Chunks > 1 && p.Kind == "track");
        TestCatalogs.AssertSameContent(catalog, loaded);
    }

    [Fact]
    public async Task Publish_announces_the_new_version_on_the_channel()
    {
        var store = Store();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await redis.GetSubscriber().SubscribeAsync(store.Channel, (_, message) => received.TrySetResult(message.ToString()));

        var result = await store.PublishAsync(TestCatalogs.Build(1), "unit test");

        Assert.Equal(result.Version, await received.Task.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Published_parts_do_not_expire_but_versions_beyond_keep_are_deleted()
    {
        var store = Store(keep: 2);
        var versions = new List<string>();
        for (var g = 0; g < 4; g++) versions.Add((await store.PublishAsync(TestCatalogs.Build(g, tracks: 200, users: 20), "unit test")).Version);

        Assert.Equal(versions[2..], await store.GetVersionsAsync());
        Assert.Equal(versions[3], await store.GetCurrentVersionAsync());
        var server0 = redis.GetServer(redis.GetEndPoints()[0]);
        foreach (var old in versions[..2])
        {
            Assert.Empty(server0.Keys(pattern: $"{prefix}:v:{old}:*").ToList());
        }
        var kept = server0.Keys(pattern: $"{prefix}:v:{versions[2]}:*").ToList();
        Assert.NotEmpty(kept);
        foreach (var key in kept) Assert.Null(await redis.GetDatabase().KeyTimeToLiveAsync(key));
        Assert.Equal(2, TestCatalogs.GenerationOf((await store.LoadAsync(versions[2]))));
    }

    [Fact]
    public async Task Load_rejects_a_corrupted_chunk_naming_the_part()
    {
        var store = Store();
        var result = await store.PublishAsync(TestCatalogs.Build(1), "unit test");
        await redis.GetDatabase().StringSetRangeAsync($"{prefix}:v:{result.Version}:table:lgcf:0", 10, "\u0001\u0002");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.LoadAsync(result.Version));

        Assert.Contains("table:lgcf", error.Message);
        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public async Task Load_of_a_missing_version_says_to_publish_again()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Store().LoadAsync("404-nothing"));

        Assert.Contains("404-nothing", error.Message);
        Assert.Contains("publish", error.Message);
    }

    [Fact]
    public async Task Publish_that_fails_mid_way_leaves_the_old_version_current_and_no_partial_keys()
    {
        using var own = new RedisServer();
        await own.InitializeAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(own.Address + ",allowAdmin=true");
        var store = new RedisCatalogStore(connection, new RedisCatalogOptions { KeyPrefix = prefix, ChunkBytes = 16 << 10 });
        var old = await store.PublishAsync(TestCatalogs.Build(1, tracks: 200, users: 10), "unit test");
        var admin = connection.GetServer(connection.GetEndPoints()[0]);
        var used = long.Parse((await admin.InfoAsync("memory")).SelectMany(g => g).First(p => p.Key == "used_memory").Value);
        await admin.ConfigSetAsync("maxmemory-policy", "noeviction");
        await admin.ConfigSetAsync("maxmemory", (used + (1 << 20)).ToString()); // Redis refuses writes after about 1 MiB more

        var error = await Assert.ThrowsAnyAsync<RedisException>(
            () => store.PublishAsync(TestCatalogs.Build(2, tracks: 20_000, users: 5_000, perUser: 50), "unit test"));
        await admin.ConfigSetAsync("maxmemory", "0");

        Assert.Contains("OOM", error.Message);
        Assert.Equal(old.Version, await store.GetCurrentVersionAsync());
        Assert.Equal([old.Version], await store.GetVersionsAsync());
        Assert.All(admin.Keys(pattern: $"{prefix}:v:*").Select(k => k.ToString()), key => Assert.StartsWith($"{prefix}:v:{old.Version}:", key));
        Assert.Equal(1, TestCatalogs.GenerationOf((await store.LoadCurrentAsync())!));
    }

    private RedisCatalogStore Store(int keep = 3, int chunkBytes = 1 << 20) =>
        new(redis, new RedisCatalogOptions { KeyPrefix = prefix, KeepVersions = keep, ChunkBytes = chunkBytes });
}
