using Botify.Contracts.AbTesting;
using Botify.Contracts.Experiments;
using Botify.Contracts.Listening;
using Botify.Grains.Experiments;
using Botify.TestSupport;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Botify.Grains.Tests;

/// <summary>A one-silo TestCluster on a throwaway redis-server for the live experiment aggregate; restartable.</summary>
public sealed class LiveExperimentClusterFixture : IAsyncLifetime
{
    public const string Experiment = "SESSION"; // the default experiment: C = StickyArtist, T1 = Session

    public RedisServer Redis { get; } = new();

    public string ServiceId { get; } = $"botify-live-{Guid.NewGuid():N}"[..20];

    public GrainCluster Cluster { get; private set; } = null!;

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    private Dictionary<string, string?> Settings => new()
    {
        [TestSiloConfigurator.RedisKey] = Redis.Address,
        ["Botify:LiveExperiments:FlushInterval"] = "00:00:00.05",
    };

    public async Task InitializeAsync()
    {
        await Redis.InitializeAsync();
        Connection = await ConnectionMultiplexer.ConnectAsync($"{Redis.Address},allowAdmin=true");
        Cluster = await GrainCluster.StartAsync(Settings, ServiceId);
    }

    public async Task RestartAsync()
    {
        await Cluster.DisposeAsync();
        Cluster = await GrainCluster.StartAsync(Settings, ServiceId);
    }

    /// <summary>Every shard's totals of the experiment, added up per arm.</summary>
    public async Task<Dictionary<string, ArmSums>> TotalsAsync(string experiment = Experiment)
    {
        var result = new Dictionary<string, ArmSums>();
        for (var s = 0; s < new LiveExperimentOptions().Shards; s++)
        {
            foreach (var arm in await Cluster.Grains.GetGrain<IExperimentShardGrain>(ExperimentShards.Key(experiment, s)).Totals())
            {
                if (!result.TryGetValue(arm.Arm, out var sums)) result[arm.Arm] = sums = new ArmSums(arm.Arm);
                sums.Add(arm.Users, arm.Sessions, arm.Tracks, arm.Sums, arm.SumsOfSquares);
            }
        }
        return result;
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Connection.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

/// <summary>Plays sessions through user grains and reads the aggregate; each test class gets a cluster of its own.</summary>
public abstract class LiveExperimentTestBase(LiveExperimentClusterFixture fixture, ITestOutputHelper output)
{
    protected LiveExperimentClusterFixture Fixture => fixture;

    protected ITestOutputHelper Output => output;

    protected static TrackPlay Play(int track, double time) => new(track, time, Guid.NewGuid(), DateTime.UtcNow.Ticks);

    protected IUserGrain User(long user) => Fixture.Cluster.User(user);

    protected static string ArmOf(long user) =>
        ExperimentAssignment.ArmName(ExperimentAssignment.ArmIndex(user, ExperimentAssignment.Seed(LiveExperimentClusterFixture.Experiment), 2));

    /// <summary>Plays <paramref name="sessions"/> sessions of the user (a few nexts, then a last) and returns what Lab ab would tally.</summary>
    protected async Task PlaySessions(long user, int sessions, Random random, UserArmTally expected)
    {
        for (var s = 0; s < sessions; s++)
        {
            var tracks = 1 + random.Next(6);
            for (var k = 0; k < tracks; k++)
            {
                var time = Math.Round(random.NextDouble(), 2);
                var play = Play(random.Next(TestCatalog.TrackCount), time);
                if (k < tracks - 1) await User(user).Next(play);
                else await User(user).Last(play);
                expected.Play(time, 0);
            }
            expected.CloseSession();
        }
    }

    protected async Task<Dictionary<string, ArmSums>> WaitFor(Func<Dictionary<string, ArmSums>, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var totals = await Fixture.TotalsAsync();
            if (done(totals)) return totals;
            if (DateTime.UtcNow > deadline) Assert.Fail($"the live aggregate never showed {what}: {Describe(totals)}");
            await Task.Delay(100);
        }
    }

    protected static string Describe(Dictionary<string, ArmSums> totals) =>
        string.Join("; ", totals.Values.Select(a => $"{a.Arm}: {a.Users} users, {a.Sessions} sessions, {a.Tracks} tracks"));

    protected static void AssertSameFigures(Dictionary<string, ArmSums> expected, Dictionary<string, ArmSums> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (arm, e) in expected)
        {
            var a = actual[arm];
            Assert.Equal((e.Users, e.Sessions, e.Tracks), (a.Users, a.Sessions, a.Tracks));
            foreach (var metric in new[] { AbMetrics.Time, AbMetrics.Sessions, AbMetrics.MeanTracksPerSession, AbMetrics.MeanTimePerSession })
            {
                var m = AbMetrics.All.ToList().IndexOf(metric);
                Assert.Equal(e.Sums[m], a.Sums[m], 9);
                Assert.Equal(e.SumsOfSquares[m], a.SumsOfSquares[m], 7);
            }
        }
    }
}

public sealed class LiveExperimentTests(LiveExperimentClusterFixture fixture, ITestOutputHelper output)
    : LiveExperimentTestBase(fixture, output), IClassFixture<LiveExperimentClusterFixture>
{
    [Fact]
    public async Task Closed_sessions_reach_the_aggregate_once_with_the_figures_lab_ab_computes()
    {
        var random = new Random(17);
        var expected = new Dictionary<string, ArmSums> { ["C"] = new("C"), ["T1"] = new("T1") };
        var users = Enumerable.Range(5000, 40).Select(u => (long)u).ToArray();
        var tallies = users.ToDictionary(u => u, _ => new UserArmTally());
        // Two rounds, so most users' first contribution is replaced by a later one.
        foreach (var round in new[] { 1, 2 })
        {
            await Task.WhenAll(users.Select(u => PlaySessions(u, 1 + random.Next(2), new Random((int)u * 7 + round), tallies[u])));
        }
        // An open session (nexts without a last) is not counted.
        await User(users[0]).Next(Play(1, 0.9));
        foreach (var u in users) expected[ArmOf(u)].Add(tallies[u]);

        var sessions = expected.Values.Sum(a => a.Sessions);
        var totals = await WaitFor(t => t.Values.Sum(a => a.Sessions) >= sessions, $"{sessions} sessions");
        await Task.Delay(500); // nothing more may arrive
        totals = await Fixture.TotalsAsync();
        Output.WriteLine($"expected {Describe(expected)}; aggregate {Describe(totals)}");
        AssertSameFigures(expected, totals);
    }

    [Fact]
    public async Task A_duplicate_or_older_version_changes_nothing_and_a_newer_one_replaces()
    {
        var shard = Fixture.Cluster.Grains.GetGrain<IExperimentShardGrain>(ExperimentShards.Key("DIRECT", 0));
        await shard.Apply(new UserContribution(1, "C", 2, 2, 10, 3.5, 20));
        await shard.Apply(new UserContribution(1, "C", 1, 1, 4, 1.0, 8));   // an older version, late
        await shard.Apply(new UserContribution(1, "C", 2, 2, 10, 3.5, 20)); // a retry of version 2
        var totals = Assert.Single(await shard.Totals());
        Assert.Equal((1, 2L, 10L), (totals.Users, totals.Sessions, totals.Tracks));
        Assert.Equal(3.5, totals.Sums[0], 12);
        Assert.Equal(3.5 * 3.5, totals.SumsOfSquares[0], 12);

        await shard.Apply(new UserContribution(1, "C", 3, 3, 12, 4.5, 24));
        totals = Assert.Single(await shard.Totals());
        Assert.Equal((1, 3L, 12L), (totals.Users, totals.Sessions, totals.Tracks));
        Assert.Equal(4.5 * 4.5, totals.SumsOfSquares[0], 12);
    }
}

/// <summary>The restart and re-send cases, on a cluster of their own (the aggregate they check holds only their users).</summary>
public sealed class LiveExperimentRecoveryTests(LiveExperimentClusterFixture fixture, ITestOutputHelper output)
    : LiveExperimentTestBase(fixture, output), IClassFixture<LiveExperimentClusterFixture>
{
    [Fact]
    public async Task The_aggregate_survives_a_restart_and_a_session_stored_but_never_sent_arrives_at_the_next_activation()
    {
        var random = new Random(23);
        var users = Enumerable.Range(6000, 12).Select(u => (long)u).ToArray();
        var tallies = users.ToDictionary(u => u, _ => new UserArmTally());
        foreach (var u in users) await PlaySessions(u, 2, random, tallies[u]);
        var expected = new Dictionary<string, ArmSums> { ["C"] = new("C"), ["T1"] = new("T1") };
        foreach (var u in users) expected[ArmOf(u)].Add(tallies[u]);
        var before = await WaitFor(t => t.Values.Sum(a => a.Sessions) >= 24, "the 24 sessions");
        AssertSameFigures(expected, before);

        await Fixture.RestartAsync();
        AssertSameFigures(before, await Fixture.TotalsAsync());

        // A silo killed between the user's state write and the aggregate update: the stored state holds a closed session
        // (version 3) that the aggregate never confirmed (sent 2). The user's next activation must send it.
        var user = users[0];
        var key = $"{Fixture.ServiceId}/state/user/{user}";
        var db = Fixture.Connection.GetDatabase();
        var state = UserRecord.Read((byte[])(await db.HashGetAsync(key, "data"))!); // the compact record (format 2)
        var entry = state.Experiments.Single(e => e.Experiment == LiveExperimentClusterFixture.Experiment);
        Assert.Equal(2, entry.Version);
        entry.Version = 3;
        entry.Tally.Sessions++;
        entry.Tally.Tracks += 4;
        entry.Tally.Time += 2.5;
        await db.HashSetAsync(key, "data", UserRecord.Write(state));
        tallies[user].Play(1, 0);
        tallies[user].Play(1, 0);
        tallies[user].Play(0.5, 0);
        tallies[user].Play(0, 0);
        tallies[user].CloseSession();
        var after = new Dictionary<string, ArmSums> { ["C"] = new("C"), ["T1"] = new("T1") };
        foreach (var u in users) after[ArmOf(u)].Add(tallies[u]);

        await User(user).View(); // any request activates the grain
        var totals = await WaitFor(t => t[ArmOf(user)].Sessions == before[ArmOf(user)].Sessions + 1, "the re-sent session");
        Output.WriteLine($"before {Describe(before)}; after the re-send {Describe(totals)}");
        Assert.Equal(before[ArmOf(user)].Users, totals[ArmOf(user)].Users); // replaced, not added
        Assert.Equal(before[ArmOf(user)].Tracks + 4, totals[ArmOf(user)].Tracks);
    }
}
