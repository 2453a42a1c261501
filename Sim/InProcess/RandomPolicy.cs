using Botify.Contracts.Listening;

namespace Botify.Sim.InProcess;

/// <summary>Uniform random track of the catalog: the same draw as the service's Random (Grains/Recommenders/RandomRecommender.cs).</summary>
public sealed class RandomPolicy : IRecommender
{
    public string Name => "Random";

    public int Recommend(in RecommendationContext context)
    {
        var all = context.Catalog.Tracks.AllTracks;
        return all[context.Random.Next(all.Length)];
    }
}
