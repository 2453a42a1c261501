using Botify.Contracts.Listening;

namespace Botify.Sim.InProcess;

/// <summary>
/// Uniform random track of the previous track's artist: the same draw as the service's StickyArtist (Grains/Recommenders/StickyArtistRecommender.cs),
/// falling back to <paramref name="fallback"/> for a track the catalog lacks.
/// </summary>
public sealed class StickyArtistPolicy(IRecommender fallback) : IRecommender
{
    public string Name => "StickyArtist";

    public int Recommend(in RecommendationContext context)
    {
        var tracks = context.Catalog.Tracks;
        if (!tracks.Contains(context.PrevTrack)) return fallback.Recommend(in context);
        var ofArtist = tracks.TracksOfArtist(tracks.ArtistOf(context.PrevTrack));
        return ofArtist[context.Random.Next(ofArtist.Length)];
    }
}
