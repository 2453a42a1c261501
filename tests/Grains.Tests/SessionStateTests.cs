using Botify.Contracts.Listening;
using Botify.TestSupport;
using StackExchange.Redis;

namespace Botify.Grains.Tests;

/// <summary>A silo serving SessionNeighbours to everyone, user state in a throwaway redis-server.</summary>
public sealed class SessionNeighboursClusterFixture : IAsyncLifetime
{
    public RedisServer Redis { get; } = new();

    public string ServiceId { get; } = $"botify-sn-{Guid.NewGuid():N}"[..20];

    public GrainCluster Cluster { get; private set; } = null!;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        Connection = await ConnectionMultiplexer.ConnectAsync(Redis.Address);
        Cluster = await GrainCluster.StartAsync(new Dictionary<string, string?>
        {
            [TestSiloConfigurator.RedisKey] = Redis.Address,
            ["Botify:DefaultRecommender"] = "SessionNeighbours:similar_artists",
            ["Botify:ServingExperiment"] = BotifyOptions.NoServingExperiment,
        }, ServiceId);
    }

    /// <summary>The user's record as stored in Redis, decoded.</summary>
    public async Task<UserState> StoredState(long user)
    {
        var record = await Connection.GetDatabase().HashGetAsync($"{ServiceId}/state/user/{user}", "data");
        Assert.False(record.IsNull, $"no state for user {user}");
        return UserRecord.Read((byte[])record!);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Connection.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

public sealed class SessionStateTests(SessionNeighboursClusterFixture fixture) : IClassFixture<SessionNeighboursClusterFixture>
{
    private static TrackPlay Play(int track, double time) => new(track, time, Guid.NewGuid());

    private static (int Track, double Time)[] Session(UserState state) => state.Session.Select(p => (p.Track, p.Time)).ToArray();

    [Fact]
    public async Task Session_plays_are_stored_with_their_exact_times_and_cleared_by_last()
    {
        const long user = 3001;
        var grain = fixture.Cluster.User(user);
        var first = await grain.Next(Play(10, 1.0));
        Assert.NotEqual(10, first.Recommendation);
        await grain.Next(Play(first.Recommendation, 0.42));
        Assert.Equal([(10, 1.0), (first.Recommendation, 0.42)], Session(await fixture.StoredState(user)));

        await grain.Last(Play(11, 0.3));
        var ended = await fixture.StoredState(user);
        Assert.Empty(Session(ended));
        Assert.Equal([10, first.Recommendation, 11], ended.History);
    }

    [Fact]
    public async Task Session_plays_survive_deactivation_and_steer_the_next_answer()
    {
        const long user = 3002;
        var grain = fixture.Cluster.User(user);
        // The anchor's artist (0: tracks 0..9) has two tracks left unplayed this session.
        var answer = await grain.Next(Play(0, 1.0));
        for (var t = 1; t <= 7; t++) answer = await grain.Next(Play(t, 0.9));
        await fixture.Cluster.Cluster.DeactivateAsync(grain);
        answer = await grain.Next(Play(answer.Recommendation, 0.9));
        Assert.Equal(9, Session(await fixture.StoredState(user)).Length);
        Assert.DoesNotContain(answer.Recommendation, Session(await fixture.StoredState(user)).Select(p => p.Track));
    }
}
