using System.Diagnostics;
using Botify.Contracts.Listening;
using Botify.Grains;
using Botify.TestSupport;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace Botify.Cluster.Tests;

/// <summary>Three silos on a real Redis user-state storage; one is killed hard while every user plays.</summary>
public sealed class SiloFailoverTests(RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>
{
    private const int Users = 60;
    private const int Steps = 90;
    private const int KillAtStep = 15;

    private enum Result { NotSent, Acknowledged, Failed }

    [Fact]
    public async Task Killing_a_silo_mid_traffic_loses_no_acknowledged_play_and_applies_none_twice()
    {
        var builder = new TestClusterBuilder(3);
        builder.Options.ServiceId = "failover-" + Guid.NewGuid().ToString("N")[..8];
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection([new(FailoverSiloConfigurator.RedisKey, redis.Address)]));
        builder.AddSiloBuilderConfigurator<FailoverSiloConfigurator>();
        builder.AddClientBuilderConfigurator<FailoverClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var results = new Result[Users][];
            var readyToKill = new CountdownEvent(Users);
            var retries = 0;
            var plays = new Task[Users];
            for (var u = 0; u < Users; u++)
            {
                var user = u;
                results[user] = new Result[Steps];
                plays[user] = Task.Run(async () =>
                {
                    var grain = cluster.GrainFactory.GetGrain<IUserGrain>(User(user));
                    for (var step = 0; step < Steps; step++)
                    {
                        // The track is the step, so a user's history must read 0, 1, 2, ... with gaps only for failed plays.
                        var (result, retried) = await PlayWithOneRetry(grain, new TrackPlay(step, 0.5, Guid.NewGuid()));
                        results[user][step] = result;
                        if (retried) Interlocked.Increment(ref retries);
                        // Everyone keeps playing through the kill, so calls are in flight on the victim when it dies.
                        if (step == KillAtStep) readyToKill.Signal();
                        await Task.Delay(20);
                    }
                });
            }

            await Task.Run(() => readyToKill.Wait(TimeSpan.FromSeconds(60)));
            var victim = MostLoadedSecondary(cluster);
            var onVictim = new List<int>();
            for (var u = 0; u < Users; u++)
            {
                if (FailoverSiloConfigurator.PlacedOn.TryGetValue(User(u), out var silo) && silo.Equals(victim.SiloAddress)) onVictim.Add(u);
            }
            var clock = Stopwatch.StartNew();
            await cluster.KillSiloAsync(victim);
            await Task.WhenAll(plays);
            output.WriteLine($"killed {victim.SiloAddress} hosting {onVictim.Count} of {Users} users; plays finished " +
                $"{clock.Elapsed.TotalSeconds:F1} s after the kill; {retries} calls retried once");

            var acknowledged = 0;
            var failed = 0;
            var failedApplied = 0;
            var movedAndServed = 0;
            for (var u = 0; u < Users; u++)
            {
                var history = (await ReadWithRetry(cluster.GrainFactory.GetGrain<IUserGrain>(User(u)))).History;
                for (var i = 1; i < history.Length; i++)
                {
                    Assert.True(history[i] > history[i - 1], $"user {User(u)}: history out of order or repeated at {i}: {string.Join(",", history)}");
                }
                for (var step = 0; step < Steps; step++)
                {
                    var times = Array.IndexOf(history, step) >= 0 ? 1 : 0; // strictly increasing, so at most once
                    if (results[u][step] == Result.Acknowledged)
                    {
                        acknowledged++;
                        Assert.True(times == 1, $"user {User(u)}: acknowledged play {step} is missing from the history {string.Join(",", history)}");
                    }
                    else
                    {
                        failed++;
                        failedApplied += times;
                    }
                }
                if (onVictim.Contains(u) && results[u][Steps - 1] == Result.Acknowledged) movedAndServed++;
            }
            output.WriteLine($"{acknowledged} plays acknowledged, all in history once and in order; {failed} failed ({failedApplied} of them applied anyway)");
            Assert.NotEmpty(onVictim);
            Assert.True(movedAndServed > 0, "no user of the killed silo was served again after the kill");
            Assert.True(acknowledged >= Users * Steps * 9 / 10,
                $"only {acknowledged} of {Users * Steps} plays were acknowledged: the cluster did not fail over");
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static long User(int index) => 50_000 + index;

    // What the gateway does: one retry with the same request id; the grain answers a repeat as Duplicate.
    private static async Task<(Result Result, bool Retried)> PlayWithOneRetry(IUserGrain grain, TrackPlay play)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                var answer = await grain.Next(play).WaitAsync(FailoverClientConfigurator.CallTimeout);
                if (answer.Outcome is PlayOutcome.Applied or PlayOutcome.Duplicate) return (Result.Acknowledged, attempt > 0);
                Assert.Fail($"play of track {play.Track} refused: {answer.Outcome}");
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                // a lost silo, a rejected message or a timeout: retry once
            }
        }
        return (Result.Failed, true);
    }

    private static async Task<UserView> ReadWithRetry(IUserGrain grain)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await grain.View().WaitAsync(FailoverClientConfigurator.CallTimeout);
            }
            catch (Exception) when (attempt < 5)
            {
                await Task.Delay(500);
            }
        }
    }

    private static SiloHandle MostLoadedSecondary(TestCluster cluster)
    {
        SiloHandle? best = null;
        var bestCount = -1;
        foreach (var silo in cluster.SecondarySilos)
        {
            var count = 0;
            foreach (var placed in FailoverSiloConfigurator.PlacedOn.Values)
            {
                if (placed.Equals(silo.SiloAddress)) count++;
            }
            if (count > bestCount) (best, bestCount) = (silo, count);
        }
        return best!;
    }
}
