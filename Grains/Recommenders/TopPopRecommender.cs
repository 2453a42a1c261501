using Botify.Contracts.Listening;

namespace Botify.Grains.Recommenders;

/// <summary>
/// A uniform random track among the top <see cref="TopPopOptions.Count"/> popular tracks.
/// Fallback: <c>Random</c> when the catalog has no top-tracks list.
/// </summary>
public sealed class TopPopRecommender(TopPopOptions options, IRecommender fallback) : IRecommender
{
    public string Name => "TopPop";

    public int Recommend(in RecommendationContext context)
    {
        var top = context.Catalog.TopTracks;
        var n = Math.Min(options.Count, top.Length);
        return n > 0 ? top[context.Random.Next(n)] : fallback.Recommend(in context);
    }
}
