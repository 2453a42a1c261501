using Botify.Contracts.Catalog;
using Botify.Grains.Recommenders;

namespace Botify.Grains.Tests;

public sealed class RecommenderTests
{
    private readonly RecommenderRegistry registry = Contexts.Registry(o => o.TopPop.Count = 5);

    [Fact]
    public void Random_covers_the_whole_catalog_and_nothing_else()
    {
        var seen = Contexts.Draws(registry.Get("Random"), user: 1, prev: 3, draws: 20000);
        Assert.Equal(Enumerable.Range(0, TestCatalog.TrackCount).ToHashSet(), seen);
    }

    [Fact]
    public void StickyArtist_answers_every_track_of_the_previous_artist_and_only_those()
    {
        var seen = Contexts.Draws(registry.Get("StickyArtist"), user: 1, prev: 123);
        Assert.Equal(Enumerable.Range(120, 10).ToHashSet(), seen);
    }

    [Fact]
    public void StickyArtist_falls_back_to_random_when_the_previous_track_is_not_in_the_catalog()
    {
        var context = Contexts.For(user: 1, prev: 5000);
        var track = registry.Get("StickyArtist").Recommend(in context);
        Assert.True(TestCatalog.Snapshot.Tracks.Contains(track));
    }

    [Fact]
    public void TopPop_answers_only_among_the_top_N()
    {
        var seen = Contexts.Draws(registry.Get("TopPop"), user: 1, prev: 3);
        Assert.Equal(new HashSet<int> { 299, 298, 297, 296, 295 }, seen);
    }

    [Fact]
    public void TopPop_defaults_to_the_top_100()
    {
        var seen = Contexts.Draws(Contexts.Registry().Get("TopPop"), user: 1, prev: 3, draws: 10000);
        Assert.Equal(Enumerable.Range(200, 100).ToHashSet(), seen);
    }

    [Fact]
    public void TopPop_falls_back_to_random_without_a_top_list()
    {
        var noTop = new CatalogSnapshot("v", TestCatalog.Snapshot.Tracks, [], TestCatalog.Snapshot.Tables);
        var seen = Contexts.Draws(registry.Get("TopPop"), user: 1, prev: 3, catalog: noTop);
        Assert.True(seen.Count > 100, $"random fallback gave only {seen.Count} distinct tracks");
    }

    [Fact]
    public void Indexed_answers_from_the_users_row()
    {
        var seen = Contexts.Draws(registry.Get("Indexed:gcf"), user: 12, prev: 290);
        Assert.Equal(TestCatalog.GcfRow(12).ToHashSet(), seen);
    }

    [Theory]
    [InlineData("Indexed:gcf", 19)]          // the table has no row for the user
    [InlineData("Indexed:missing", 12)]      // no such table
    [InlineData("Indexed:contextual", 12)]   // a per-track table is not a per-user table
    public void Indexed_falls_back_to_StickyArtist(string spec, long user)
    {
        var seen = Contexts.Draws(registry.Get(spec), user, prev: 251);
        Assert.Equal(Enumerable.Range(250, 10).ToHashSet(), seen);
    }

    [Fact]
    public void Contextual_answers_from_the_previous_tracks_row()
    {
        var seen = Contexts.Draws(registry.Get("Contextual:contextual"), user: 1, prev: 42);
        Assert.Equal(TestCatalog.ContextualRow(42).ToHashSet(), seen);
    }

    [Theory]
    [InlineData("Contextual:contextual", 44)]   // no row for the track
    [InlineData("Contextual:nothing", 42)]      // no such table
    [InlineData("Contextual:gcf", 42)]          // a per-user table is not a per-track table
    public void Contextual_falls_back_to_StickyArtist(string spec, int prev)
    {
        var seen = Contexts.Draws(registry.Get(spec), user: 1, prev);
        Assert.Equal(Enumerable.Range(prev / 10 * 10, 10).ToHashSet(), seen);
    }

    [Fact]
    public void Sequential_answers_the_track_after_the_previous_one_in_the_users_row()
    {
        var row = TestCatalog.GcfRow(12);
        var sequential = registry.Get("Sequential:gcf");
        for (var i = 0; i + 1 < row.Length; i++)
        {
            var context = Contexts.For(user: 12, prev: row[i]);
            Assert.Equal(row[i + 1], sequential.Recommend(in context));
        }
    }

    [Fact]
    public void Sequential_answers_from_the_row_when_the_previous_track_is_last_or_absent()
    {
        var row = TestCatalog.GcfRow(12);
        Assert.Equal(row.ToHashSet(), Contexts.Draws(registry.Get("Sequential:gcf"), user: 12, prev: row[^1]));
        Assert.Equal(row.ToHashSet(), Contexts.Draws(registry.Get("Sequential:gcf"), user: 12, prev: 299));
    }

    [Fact]
    public void Sequential_falls_back_to_StickyArtist_without_a_row()
    {
        var seen = Contexts.Draws(registry.Get("Sequential:gcf"), user: 19, prev: 77);
        Assert.Equal(Enumerable.Range(70, 10).ToHashSet(), seen);
    }
}
