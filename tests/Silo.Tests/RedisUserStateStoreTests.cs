using Botify.Contracts.Listening;
using Botify.Grains;
using Botify.Hosting;
using Botify.TestSupport;
using Orleans.Persistence.Redis;
using Orleans.Storage;
using StackExchange.Redis;

namespace Botify.Silo.Tests;

/// <summary>The user grain's Redis store against a real redis-server: records, ETag checks, old records, failures.</summary>
public sealed class RedisUserStateStoreTests : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly RedisServer server;
    private readonly string serviceId = "test-" + Guid.NewGuid().ToString("N")[..8];
    private ConnectionMultiplexer redis = null!;
    private RedisUserStateStore store = null!;

    public RedisUserStateStoreTests(RedisServer server) => this.server = server;

    public async Task InitializeAsync()
    {
        redis = await ConnectionMultiplexer.ConnectAsync(server.Address);
        store = new RedisUserStateStore(ConfigurationOptions.Parse(server.Address), serviceId);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await redis.DisposeAsync();
    }

    [Fact]
    public async Task A_user_with_no_record_reads_empty_and_the_first_write_creates_the_record()
    {
        var (state, version) = await store.ReadAsync(5);
        Assert.Empty(state.History);
        Assert.Equal(UserStateVersion.None, version);

        state.History.Add(42, 100);
        var written = await store.WriteAsync(5, state, version);

        Assert.NotEqual(UserStateVersion.None, written);
        var key = $"{serviceId}/state/user/5";
        Assert.Equal(key, store.KeyOf(5));
        Assert.Equal(written.ToString(), (string?)await redis.GetDatabase().HashGetAsync(key, "etag"));
        var (again, readVersion) = await store.ReadAsync(5);
        Assert.Equal([42], again.History);
        Assert.Equal(written, readVersion);
    }

    [Fact]
    public async Task A_write_with_a_version_that_is_no_longer_stored_is_refused_and_stores_nothing()
    {
        var (state, none) = await store.ReadAsync(6);
        state.History.Add(1, 100);
        var first = await store.WriteAsync(6, state, none);
        state.History.Add(2, 100);
        await store.WriteAsync(6, state, first);

        state.History.Add(3, 100);
        var stale = await Assert.ThrowsAsync<InconsistentStateException>(() => store.WriteAsync(6, state, first));
        Assert.Contains(store.KeyOf(6), stale.Message);
        // Nor may a writer that saw no record overwrite one.
        await Assert.ThrowsAsync<InconsistentStateException>(() => store.WriteAsync(6, state, UserStateVersion.None));

        Assert.Equal([1, 2], (await store.ReadAsync(6)).State.History);
    }

    [Fact]
    public async Task A_record_left_by_Orleans_grain_storage_loads_and_takes_the_next_write()
    {
        // Orleans' Redis grain storage wrote the same hash with a GUID ETag, and format 1 was JSON.
        var key = store.KeyOf(7);
        var guid = Guid.NewGuid().ToString("N");
        await redis.GetDatabase().HashSetAsync(key, [new("etag", guid), new("data", """{"history":[3,1,4],"method":"lgcf","failCount":1}""")]);

        var (state, version) = await store.ReadAsync(7);
        Assert.Equal([3, 1, 4], state.History);
        Assert.Equal(("lgcf", 1), (state.Method, state.FailCount));
        Assert.Equal(guid, version.ToString());

        state.History.Add(5, 100);
        var written = await store.WriteAsync(7, state, version);
        Assert.Equal(0, written.ToString().Trim('0', '1', '2', '3', '4', '5', '6', '7', '8', '9').Length);
        Assert.Equal([3, 1, 4, 5], (await store.ReadAsync(7)).State.History);
        Assert.Equal(UserRecord.Format, ((byte[])(await redis.GetDatabase().HashGetAsync(key, "data"))!)[0]);
    }

    [Fact]
    public async Task An_unreachable_Redis_fails_with_the_key_and_what_to_check()
    {
        var options = ConfigurationOptions.Parse("127.0.0.1:1");
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 200;
        options.AsyncTimeout = 300;
        await using var down = new RedisUserStateStore(options, serviceId);

        var error = await Assert.ThrowsAsync<RedisStorageException>(() => down.WriteAsync(8, new UserState(), UserStateVersion.None));

        Assert.Contains(down.KeyOf(8), error.Message);
        Assert.Contains("check that Redis is up", error.Message);
        await Assert.ThrowsAsync<RedisStorageException>(() => down.ReadAsync(8));
    }
}
