using System.Diagnostics;
using Botify.Contracts.Listening;
using Botify.TestSupport;

namespace Botify.Grains.Tests;

/// <summary>Its own Redis and cluster: the test kills Redis, which the other persistence tests must not see.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private readonly RedisServer redis = new();
    private GrainCluster cluster = null!;

    public async Task InitializeAsync()
    {
        await redis.InitializeAsync();
        cluster = await GrainCluster.StartAsync(new Dictionary<string, string?> { [TestSiloConfigurator.RedisKey] = redis.Address });
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        await redis.DisposeAsync();
    }

    [Fact]
    public async Task A_play_that_cannot_be_stored_fails_and_is_not_kept_in_memory()
    {
        var grain = cluster.User(2001);
        Assert.Equal(PlayOutcome.Applied, (await grain.Next(new TrackPlay(60, 1.0, Guid.NewGuid()))).Outcome);

        redis.Stop();
        await Assert.ThrowsAnyAsync<Exception>(() => grain.Next(new TrackPlay(61, 1.0, Guid.NewGuid())));
        await redis.StartAsync();   // comes back empty: nothing was saved to disk

        // Until the client reconnects requests fail; the first that succeeds must not carry the failed play.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await grain.Next(new TrackPlay(62, 1.0, Guid.NewGuid()));
                break;
            }
            catch (Exception) when (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(200);
            }
        }
        Assert.Equal(new[] { 62 }, (await grain.View()).History);
    }
}
