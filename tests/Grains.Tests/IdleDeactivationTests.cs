using Botify.Contracts.Listening;
using Botify.TestSupport;
using Orleans.Runtime;

namespace Botify.Grains.Tests;

/// <summary>A one-silo cluster on a throwaway redis-server whose user grains are deactivated after 2 s without a request.</summary>
public sealed class IdleClusterFixture : IAsyncLifetime
{
    public static readonly TimeSpan Idle = TimeSpan.FromSeconds(2);

    public RedisServer Redis { get; } = new();

    public GrainCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        Cluster = await GrainCluster.StartAsync(new Dictionary<string, string?>
        {
            [TestSiloConfigurator.RedisKey] = Redis.Address,
            ["Botify:IdleDeactivation"] = Idle.ToString(),
            ["Botify:DefaultRecommender"] = "Session",
            ["Botify:ServingExperiment"] = BotifyOptions.NoServingExperiment,
        }, $"botify-idle-{Guid.NewGuid():N}"[..20]);
    }

    /// <summary>The silo's own count of activations of this user's grain (0 or 1).</summary>
    public Task<int> Activations(long user) =>
        Cluster.Grains.GetGrain<IManagementGrain>(0).GetGrainActivationCount((GrainReference)Cluster.User(user));

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

public sealed class IdleDeactivationTests(IdleClusterFixture fixture) : IClassFixture<IdleClusterFixture>
{
    private static ActivationId[] ActivationsOf(long user) =>
        TestSiloConfigurator.UserCalls.Where(c => c.User == user).Select(c => c.Activation).Distinct().ToArray();

    [Fact]
    public async Task An_idle_user_is_deactivated_and_its_next_request_continues_history_method_and_fail_count()
    {
        const long user = 770_001; // ids no other test of this process uses: UserCalls is shared by every cluster here
        var grain = fixture.Cluster.User(user);
        // Four plays under lgcf's threshold (0.35) move the method on to lfm; a fifth under lfm's (0.30) counts one failure there.
        var plays = new[] { 3, 4, 5, 6, 7 }.Select(t => new TrackPlay(t, 0.1, Guid.NewGuid())).ToArray();
        var answers = new List<NextAnswer>();
        foreach (var play in plays) answers.Add(await grain.Next(play));
        var before = await grain.View();
        Assert.Equal(("lfm", 1), (before.Method, before.FailCount));
        Assert.Equal(1, await fixture.Activations(user));

        // Idle past the limit: the silo deactivates the grain by itself (it looks every quarter of the limit).
        var deadline = DateTime.UtcNow + IdleClusterFixture.Idle * 5;
        while (await fixture.Activations(user) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline,
                $"user {user} still active {IdleClusterFixture.Idle * 5} after its last request (limit {IdleClusterFixture.Idle})");
            await Task.Delay(200);
        }

        // A retry of the last request before the deactivation is answered again from the stored record, not applied.
        var retry = await grain.Next(plays[^1]);
        Assert.Equal((PlayOutcome.Duplicate, answers[^1].Recommendation), (retry.Outcome, retry.Recommendation));
        var next = await grain.Next(new TrackPlay(8, 0.1, Guid.NewGuid()));
        Assert.Equal(PlayOutcome.Applied, next.Outcome);
        var after = await grain.View();
        Assert.Equal([3, 4, 5, 6, 7, 8], after.History);
        // The fail count went on from the stored 1: lfm's second failure (back count 2) moves on to lgcf_m (a reset count would leave lfm, 1).
        Assert.Equal(("lgcf_m", 0), (after.Method, after.FailCount));
        Assert.Equal(2, ActivationsOf(user).Length);
    }

    [Fact]
    public async Task A_user_who_keeps_playing_stays_in_memory()
    {
        const long user = 770_002;
        var grain = fixture.Cluster.User(user);
        var until = DateTime.UtcNow + IdleClusterFixture.Idle * 3;
        var track = 0;
        while (DateTime.UtcNow < until)
        {
            Assert.Equal(PlayOutcome.Applied, (await grain.Next(new TrackPlay(track++ % 50, 0.9, Guid.NewGuid()))).Outcome);
            await Task.Delay(IdleClusterFixture.Idle / 4);
        }
        Assert.Single(ActivationsOf(user));
        Assert.Equal(1, await fixture.Activations(user));
    }
}
