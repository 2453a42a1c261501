using Botify.Contracts.Listening;
using Botify.Grains.Recommenders;

namespace Botify.Grains.Tests;

public sealed class SessionRecommenderTests
{
    private readonly IRecommender session = Contexts.Registry().Get("Session");

    [Fact]
    public void Lgcf_samples_only_among_the_first_15_unplayed_tracks_of_the_users_row()
    {
        var row = TestCatalog.GcfRow(12);
        var played = row.Take(10).Append(row[12]).ToArray();
        var seen = Contexts.Draws(session, user: 12, prev: 290, earlier: played);
        var expected = row.Where(t => !played.Contains(t)).Take(15).ToHashSet();
        Assert.Equal(expected, seen);
    }

    [Fact]
    public void Lfm_reads_the_lfm_table_and_skips_played_tracks()
    {
        var row = TestCatalog.LfmRow(12);
        var seen = Contexts.Draws(session, user: 12, prev: row[0], method: "lfm");
        Assert.Equal(row.Skip(1).Take(15).ToHashSet(), seen);
    }

    [Fact]
    public void Lgcf_m_samples_the_whole_row_without_deduplication()
    {
        var row = TestCatalog.GcfRow(12);
        var seen = Contexts.Draws(session, user: 12, prev: row[^1], earlier: row, method: "lgcf_m");
        Assert.Equal(row.ToHashSet(), seen);
    }

    [Fact]
    public void A_user_missing_from_the_methods_table_gets_indexed_gcf()
    {
        var seen = Contexts.Draws(session, user: 18, prev: 290, method: "lfm");
        Assert.Equal(TestCatalog.GcfRow(18).ToHashSet(), seen);
    }

    [Fact]
    public void An_exhausted_row_falls_back_to_indexed_gcf()
    {
        var lfm = TestCatalog.LfmRow(12);
        var seen = Contexts.Draws(session, user: 12, prev: lfm[^1], earlier: lfm, method: "lfm");
        Assert.Equal(TestCatalog.GcfRow(12).ToHashSet(), seen);
    }

    [Fact]
    public void A_user_in_no_table_gets_random_tracks()
    {
        var seen = Contexts.Draws(session, user: 5000, prev: 290);
        Assert.True(seen.Select(TestCatalog.ArtistOf).Distinct().Count() > 20, "the random fallback should reach most artists");
    }

    [Fact]
    public void Recommend_advances_the_users_method_and_fail_count()
    {
        var state = new UserState { Method = "lgcf" };
        for (var i = 0; i < 3; i++) session.Recommend(Contexts.For(12, 290, time: 0.2, state: state));
        Assert.Equal(("lgcf", 3), (state.Method, state.FailCount));
        var track = session.Recommend(Contexts.For(12, 291, time: 0.2, state: state));
        Assert.Equal(("lfm", 0), (state.Method, state.FailCount));
        Assert.Contains(track, TestCatalog.LfmRow(12));
    }

    [Fact]
    public void A_last_play_counts_towards_the_fail_count()
    {
        var state = new UserState { Method = "lfm", FailCount = 1 };
        session.ObserveLast(Contexts.For(12, 290, time: 0.0, state: state));
        Assert.Equal(("lgcf_m", 0), (state.Method, state.FailCount));
    }
}
