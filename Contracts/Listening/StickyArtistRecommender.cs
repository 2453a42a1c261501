namespace Botify.Contracts.Listening;

/// <summary>
/// A uniform random track of the previous track's artist (the previous track included), the
/// control of the default experiment. Fallback: <c>Random</c> when the previous track is not in the catalog. One rule for the
/// service's user grains and the simulator's in-process day 1, so both draw alike.
/// </summary>
public sealed class StickyArtistRecommender(IRecommender fallback) : IRecommender
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
