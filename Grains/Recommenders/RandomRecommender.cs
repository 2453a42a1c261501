using Botify.Contracts.Listening;

namespace Botify.Grains.Recommenders;

/// <summary>A uniform random track of the catalog; the end of every fallback chain.</summary>
public sealed class RandomRecommender : IRecommender
{
    public string Name => "Random";

    public int Recommend(in RecommendationContext context)
    {
        var all = context.Catalog.Tracks.AllTracks;
        return all[context.Random.Next(all.Length)];
    }
}
