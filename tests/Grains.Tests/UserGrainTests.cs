using Botify.Contracts.Catalog;
using Botify.Contracts.Experiments;
using Botify.Contracts.Listening;
using Botify.Grains.Experiments;

namespace Botify.Grains.Tests;

/// <summary>One in-memory TestCluster where experiment ALL gives every recommender an arm.</summary>
public sealed class UserGrainClusterFixture : IAsyncLifetime
{
    public static readonly string[] AllArms =
        ["Random", "StickyArtist", "TopPop", "Indexed:gcf", "Contextual:contextual", "Sequential:gcf", "Session"];

    private readonly HashSet<long> taken = [];

    public GrainCluster Cluster { get; private set; } = null!;

    public static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Botify:ServingExperiment"] = "ALL",
            ["Botify:TopPop:Count"] = "5",
            ["Botify:Experiments:0:Name"] = "ALL",
            ["Botify:Experiments:1:Name"] = "SESSION",
            ["Botify:Experiments:1:Arms:C"] = "StickyArtist",
            ["Botify:Experiments:1:Arms:T1"] = "Session",
        };
        for (var a = 0; a < AllArms.Length; a++) settings[$"Botify:Experiments:0:Arms:{ExperimentAssignment.ArmName(a)}"] = AllArms[a];
        return settings;
    }

    /// <summary>A user no other test used, served by <paramref name="spec"/> in experiment ALL.</summary>
    public long FreshUser(string spec, Func<long, bool>? where = null)
    {
        var arm = Array.IndexOf(AllArms, spec);
        for (long user = 0; user < 2000; user++)
        {
            if (ExperimentAssignment.ArmIndex(user, "ALL", AllArms.Length) == arm && (where?.Invoke(user) ?? true) && taken.Add(user)) return user;
        }
        throw new InvalidOperationException($"no unused user left for {spec}");
    }

    public async Task InitializeAsync() => Cluster = await GrainCluster.StartAsync(Settings());

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

public sealed class UserGrainTests(UserGrainClusterFixture fixture) : IClassFixture<UserGrainClusterFixture>
{
    private static TrackPlay Play(int track, double time = 1.0) => new(track, time, Guid.NewGuid());

    [Theory]
    [InlineData("Random")]
    [InlineData("StickyArtist")]
    [InlineData("TopPop")]
    [InlineData("Indexed:gcf")]
    [InlineData("Contextual:contextual")]
    [InlineData("Sequential:gcf")]
    [InlineData("Session")]
    public async Task Each_arm_is_served_by_its_recommender(string spec)
    {
        var user = fixture.FreshUser(spec, u => TestCatalog.HasGcfRow(u));
        var row = TestCatalog.GcfRow(user);
        var grain = fixture.Cluster.User(user);
        for (var i = 0; i < 20; i++)
        {
            var prev = spec == "Sequential:gcf" ? row[3] : 222;
            var answer = await grain.Next(Play(prev));
            Assert.Equal(PlayOutcome.Applied, answer.Outcome);
            Assert.Equal(spec, answer.Recommender);
            var r = answer.Recommendation;
            switch (spec)
            {
                case "Random": Assert.InRange(r, 0, TestCatalog.TrackCount - 1); break;
                case "StickyArtist": Assert.Equal(TestCatalog.ArtistOf(prev), TestCatalog.ArtistOf(r)); break;
                case "TopPop": Assert.InRange(r, 295, 299); break;
                case "Indexed:gcf": Assert.Contains(r, row); break;
                case "Contextual:contextual": Assert.Contains(r, TestCatalog.ContextualRow(prev)); break;
                case "Sequential:gcf": Assert.Equal(row[4], r); break;
                case "Session": Assert.Contains(r, row.Take(15)); break;
            }
        }
    }

    [Fact]
    public async Task Answers_carry_the_users_arm_of_every_experiment()
    {
        var user = fixture.FreshUser("Session");
        ExperimentArm[] expected =
        [
            new("ALL", ExperimentAssignment.ArmName(ExperimentAssignment.ArmIndex(user, "ALL", 7))),
            new("SESSION", ExperimentAssignment.ArmName(ExperimentAssignment.ArmIndex(user, "SESSION", 2))),
        ];
        var grain = fixture.Cluster.User(user);
        Assert.Equal(expected, (await grain.Next(Play(5))).Experiments);
        Assert.Equal(expected, (await grain.Last(Play(6))).Experiments);
        var view = await grain.View();
        Assert.Equal(expected, view.Experiments);
        Assert.Equal("Session", view.Recommender);
        Assert.Equal(user, view.User);
    }

    [Fact]
    public async Task An_unknown_track_is_refused_and_changes_nothing()
    {
        var grain = fixture.Cluster.User(fixture.FreshUser("Session"));
        await grain.Next(Play(7, 0.1));
        var before = await grain.View();
        var next = await grain.Next(Play(TestCatalog.TrackCount + 5, 0.0));
        var last = await grain.Last(Play(-3, 0.0));
        Assert.Equal((PlayOutcome.UnknownTrack, ListenerStateRules.NoTrack), (next.Outcome, next.Recommendation));
        Assert.Equal(PlayOutcome.UnknownTrack, last.Outcome);
        AssertSameState(before, await grain.View());
    }

    [Fact]
    public async Task Without_a_catalog_plays_are_refused_and_change_nothing()
    {
        var grain = fixture.Cluster.User(fixture.FreshUser("Session"));
        await grain.Next(Play(7, 0.1));
        var before = await grain.View();
        fixture.Cluster.Catalog.Swap(CatalogSnapshot.Empty);
        try
        {
            Assert.Equal(PlayOutcome.CatalogNotLoaded, (await grain.Next(Play(7, 0.0))).Outcome);
            Assert.Equal(PlayOutcome.CatalogNotLoaded, (await grain.Last(Play(7, 0.0))).Outcome);
        }
        finally
        {
            fixture.Cluster.Catalog.Swap(TestCatalog.Snapshot);
        }
        AssertSameState(before, await grain.View());
    }

    [Fact]
    public async Task A_repeated_request_id_is_answered_again_and_applied_once()
    {
        var grain = fixture.Cluster.User(fixture.FreshUser("Random"));
        var play = Play(11, 0.2);
        var first = await grain.Next(play);
        var again = await grain.Next(play);
        Assert.Equal(PlayOutcome.Applied, first.Outcome);
        Assert.Equal(PlayOutcome.Duplicate, again.Outcome);
        Assert.Equal(first.Recommendation, again.Recommendation);

        var concurrent = Play(12);
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => grain.Next(concurrent)));
        Assert.Single(answers, a => a.Outcome == PlayOutcome.Applied);
        Assert.Single(answers.Select(a => a.Recommendation).Distinct());

        var last = Play(13);
        Assert.Equal(PlayOutcome.Applied, (await grain.Last(last)).Outcome);
        Assert.Equal(PlayOutcome.Duplicate, (await grain.Last(last)).Outcome);
        Assert.Equal(new[] { 11, 12, 13 }, (await grain.View()).History);
    }

    [Fact]
    public async Task History_keeps_the_last_100_plays_oldest_first()
    {
        var grain = fixture.Cluster.User(fixture.FreshUser("StickyArtist"));
        var tracks = Enumerable.Range(0, 130).Select(i => i * 7 % TestCatalog.TrackCount).ToArray();
        foreach (var track in tracks) await grain.Next(Play(track));
        Assert.Equal(tracks[30..], (await grain.View()).History);
    }

    [Fact]
    public async Task The_session_recommender_cycles_lgcf_lfm_lgcf_m_and_back_on_failures()
    {
        var user = fixture.FreshUser("Session", u => TestCatalog.HasGcfRow(u) && TestCatalog.HasLfmRow(u));
        var grain = fixture.Cluster.User(user);
        Assert.Equal(("lgcf", 0), await Position(grain));
        for (var i = 1; i <= 3; i++)
        {
            Assert.Contains((await grain.Next(Play(200 + i, 0.34))).Recommendation, TestCatalog.GcfRow(user));
            Assert.Equal(("lgcf", i), await Position(grain));
        }
        Assert.Contains((await grain.Next(Play(204, 0.0))).Recommendation, TestCatalog.LfmRow(user));
        Assert.Equal(("lfm", 0), await Position(grain));
        await grain.Next(Play(205, 0.30));                     // time == threshold: a success
        Assert.Equal(("lfm", 0), await Position(grain));
        await grain.Next(Play(206, 0.29));
        await grain.Next(Play(207, 0.0));
        Assert.Equal(("lgcf_m", 0), await Position(grain));
        for (var i = 0; i < 3; i++) await grain.Next(Play(210 + i, 0.0));
        Assert.Equal(("lgcf_m", 3), await Position(grain));
        Assert.Contains((await grain.Next(Play(214, 0.0))).Recommendation, TestCatalog.GcfRow(user));
        Assert.Equal(("lgcf", 0), await Position(grain));
    }

    [Fact]
    public async Task The_session_recommender_skips_the_last_100_plays_and_only_them()
    {
        var user = fixture.FreshUser("Session", u => TestCatalog.HasGcfRow(u));
        var row = TestCatalog.GcfRow(user);
        var grain = fixture.Cluster.User(user);
        foreach (var track in row.Take(15)) await grain.Next(Play(track));
        var whilePlayed = new HashSet<int>();
        for (var i = 0; i < 40; i++) whilePlayed.Add((await grain.Next(Play(150 + i))).Recommendation);
        Assert.Subset(row[15..30].ToHashSet(), whilePlayed);

        // 100 more plays outside the row push the first 15 out of the history.
        for (var i = 0; i < 100; i++) await grain.Next(Play(150 + i % 150));
        var afterwards = new HashSet<int>();
        for (var i = 0; i < 40; i++) afterwards.Add((await grain.Next(Play(150 + i))).Recommendation);
        Assert.Subset(row[..15].ToHashSet(), afterwards);
    }

    [Fact]
    public async Task A_last_play_is_recorded_and_counts_towards_the_session_fail_count()
    {
        var grain = fixture.Cluster.User(fixture.FreshUser("Session"));
        await grain.Next(Play(31, 1.0));
        var answer = await grain.Last(Play(32, 0.1));
        Assert.Equal(PlayOutcome.Applied, answer.Outcome);
        var view = await grain.View();
        Assert.Equal(new[] { 31, 32 }, view.History);
        Assert.Equal(("lgcf", 1), (view.Method, view.FailCount));
    }

    private static async Task<(string, int)> Position(IUserGrain grain)
    {
        var view = await grain.View();
        return (view.Method, view.FailCount);
    }

    private static void AssertSameState(UserView before, UserView after)
    {
        Assert.Equal(before.History, after.History);
        Assert.Equal((before.Method, before.FailCount), (after.Method, after.FailCount));
    }
}
