using Botify.Contracts.Listening;
using Botify.Grains.Recommenders;

namespace Botify.Grains.Tests;

public sealed class RecommenderRegistryTests
{
    [Theory]
    [InlineData("Random", typeof(RandomRecommender), "Random")]
    [InlineData("stickyartist", typeof(StickyArtistRecommender), "StickyArtist")]
    [InlineData("TOPPOP", typeof(TopPopRecommender), "TopPop")]
    [InlineData("Indexed:gcf", typeof(IndexedRecommender), "Indexed:gcf")]
    [InlineData("contextual:contextual", typeof(ContextualRecommender), "Contextual:contextual")]
    [InlineData(" Sequential : gcf ", typeof(SequentialRecommender), "Sequential:gcf")]
    [InlineData("session", typeof(SessionRecommender), "Session")]
    public void Specs_build_their_recommender_case_insensitively(string spec, Type type, string name)
    {
        var recommender = Contexts.Registry().Get(spec);
        Assert.IsType(type, recommender);
        Assert.Equal(name, recommender.Name);
    }

    [Fact]
    public void The_same_spec_gives_the_same_instance()
    {
        var registry = Contexts.Registry();
        Assert.Same(registry.Get("Indexed:gcf"), registry.Get("indexed:gcf"));
        Assert.NotSame(registry.Get("Indexed:gcf"), registry.Get("Indexed:lfm"));
    }

    [Fact]
    public void An_unknown_spec_is_rejected_naming_it_and_the_valid_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Contexts.Registry().Get("Popular"));
        Assert.Contains("\"Popular\"", error.Message);
        Assert.Contains("Random, StickyArtist, TopPop, Indexed:<table>, Contextual:<table>, Sequential:<table>, Session", error.Message);
    }

    [Theory]
    [InlineData("Indexed", "needs a table")]
    [InlineData("Indexed:", "needs a table")]
    [InlineData("Random:gcf", "takes no table")]
    public void A_spec_with_a_wrong_table_part_is_rejected(string spec, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => Contexts.Registry().Get(spec));
        Assert.Contains(reason, error.Message);
    }
}
