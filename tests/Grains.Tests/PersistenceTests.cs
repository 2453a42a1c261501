using Botify.Contracts.Listening;
using Botify.TestSupport;
using Orleans.Storage;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Botify.Grains.Tests;

/// <summary>A one-silo TestCluster storing user state in a throwaway redis-server; restartable with the same service id.</summary>
public sealed class RedisGrainClusterFixture : IAsyncLifetime
{
    public RedisServer Redis { get; } = new();

    public string ServiceId { get; } = $"botify-test-{Guid.NewGuid():N}"[..20];

    public GrainCluster Cluster { get; private set; } = null!;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    private Dictionary<string, string?> Settings => new() { [TestSiloConfigurator.RedisKey] = Redis.Address };

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        Connection = await ConnectionMultiplexer.ConnectAsync($"{Redis.Address},allowAdmin=true");
        Cluster = await GrainCluster.StartAsync(Settings, ServiceId);
    }

    /// <summary>Stops every silo and starts a new cluster on the same Redis and service id.</summary>
    public async Task RestartAsync()
    {
        await Cluster.DisposeAsync();
        Cluster = await GrainCluster.StartAsync(Settings, ServiceId);
    }

    /// <summary>The Redis hash the user's state is kept in (etag and data fields), by the user's decimal id.</summary>
    public RedisKey StateKey(long user) => $"{ServiceId}/state/user/{user}";

    /// <summary>The user's record as stored in Redis (the `data` field), decoded.</summary>
    public async Task<UserState> StoredState(long user) => UserRecord.Read(await StoredRecord(user));

    public async Task<byte[]> StoredRecord(long user)
    {
        var record = await Connection.GetDatabase().HashGetAsync(StateKey(user), "data");
        Assert.False(record.IsNull, $"no state for user {user} under {StateKey(user)}");
        return (byte[])record!;
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Connection.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

public sealed class PersistenceTests(RedisGrainClusterFixture fixture, ITestOutputHelper output) : IClassFixture<RedisGrainClusterFixture>
{
    private static TrackPlay Play(int track, double time = 1.0) => new(track, time, Guid.NewGuid());

    private IUserGrain User(long user) => fixture.Cluster.User(user);

    [Fact]
    public async Task State_is_stored_as_a_compact_record_with_history_method_and_failCount()
    {
        const long user = 1001;
        await User(user).Next(Play(10, 1.0));
        await User(user).Next(Play(11, 0.1));
        var record = await fixture.StoredRecord(user);
        output.WriteLine($"HGET \"{fixture.StateKey(user)}\" data → {Convert.ToHexString(record)}");
        Assert.Equal(UserRecord.Format, record[0]);
        var stored = UserRecord.Read(record);
        Assert.Equal([10, 11], stored.History);
        Assert.Equal("lgcf", stored.Method);
        Assert.Equal(2, stored.Applied.Count);
        var view = await User(user).View();
        Assert.Equal(view.FailCount, stored.FailCount);
    }

    [Fact]
    public async Task State_survives_grain_deactivation()
    {
        const long user = 1002;
        foreach (var (track, time) in new[] { (20, 1.0), (21, 0.0), (22, 0.1) }) await User(user).Next(Play(track, time));
        var before = await User(user).View();
        await fixture.Cluster.Cluster.DeactivateAsync(User(user));
        var after = await User(user).View();
        Assert.Equal(new[] { 20, 21, 22 }, after.History);
        Assert.Equal((before.Method, before.FailCount), (after.Method, after.FailCount));
    }

    [Fact]
    public async Task State_survives_a_full_restart_of_the_cluster()
    {
        var users = new long[] { 1003, 1004, 1005 };
        var before = new List<UserView>();
        foreach (var user in users)
        {
            for (var i = 0; i < 6; i++) await User(user).Next(Play((int)(user + i * 17) % TestCatalog.TrackCount, i % 2 == 0 ? 0.0 : 0.2));
            before.Add(await User(user).View());
        }
        await fixture.RestartAsync();
        for (var i = 0; i < users.Length; i++)
        {
            var after = await User(users[i]).View();
            Assert.Equal(before[i].History, after.History);
            Assert.Equal((before[i].Method, before[i].FailCount), (after.Method, after.FailCount));
        }
    }

    [Fact]
    public async Task Two_hundred_concurrent_nexts_leave_exactly_the_last_100_tracks_in_order()
    {
        const long user = 1006;
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(track => User(user).Next(Play(track, 0.5))));
        Assert.All(answers, a => Assert.Equal(PlayOutcome.Applied, a.Outcome));
        var executed = TestSiloConfigurator.NextCalls.Where(c => c.User == user).Select(c => c.Track).ToArray();
        Assert.Equal(200, executed.Length);
        Assert.Equal(Enumerable.Range(0, 200), executed.Order());
        var expected = executed[100..];
        Assert.Equal(expected, (await User(user).View()).History);
        Assert.Equal(expected, (await fixture.StoredState(user)).History);
    }

    [Fact]
    public async Task A_repeated_request_id_is_not_applied_twice_across_activations()
    {
        const long user = 1007;
        var play = Play(40);
        var first = await User(user).Next(play);
        await fixture.Cluster.Cluster.DeactivateAsync(User(user));
        var retry = await User(user).Next(play);
        Assert.Equal(PlayOutcome.Duplicate, retry.Outcome);
        Assert.Equal(first.Recommendation, retry.Recommendation);
        Assert.Equal(new[] { 40 }, (await User(user).View()).History);
    }

    [Fact]
    public async Task An_etag_conflict_fails_the_request_and_the_grain_reloads_the_stored_state()
    {
        const long user = 1008;
        await User(user).Next(Play(50));
        // Another writer (say a duplicate activation elsewhere) changed the state behind this grain's back.
        var db = fixture.Connection.GetDatabase();
        var stored = await fixture.StoredState(user);
        stored.History.Add(51, 100);
        await db.HashSetAsync(fixture.StateKey(user), [new("data", UserRecord.Write(stored)), new("etag", "someone-else")]);

        await Assert.ThrowsAsync<InconsistentStateException>(() => User(user).Next(Play(52)));

        var answer = await User(user).Next(Play(53));
        Assert.Equal(PlayOutcome.Applied, answer.Outcome);
        Assert.Equal(new[] { 50, 51, 53 }, (await User(user).View()).History);
    }

    [Fact]
    public async Task A_play_that_fails_to_store_is_not_kept_in_memory()
    {
        const long user = 1009;
        await User(user).Next(Play(70));
        var server = fixture.Connection.GetServer(fixture.Redis.Address);
        // Redis refuses every write (NOREPLICAS) but keeps its data: only the grain's memory could remember the play.
        await server.ConfigSetAsync("min-replicas-to-write", "1");
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => User(user).Next(Play(71)));
        }
        finally
        {
            await server.ConfigSetAsync("min-replicas-to-write", "0");
        }
        await User(user).Next(Play(72));
        Assert.Equal(new[] { 70, 72 }, (await User(user).View()).History);
    }
}
