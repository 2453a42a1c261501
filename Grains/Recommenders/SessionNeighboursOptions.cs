namespace Botify.Grains.Recommenders;

/// <summary>
/// Options of <see cref="SessionNeighboursRecommender"/> (Botify:SessionNeighbours). Values are
/// expected listened shares (0..1) of a track the listener has not heard yet.
/// </summary>
public sealed class SessionNeighboursOptions
{
    /// <summary>Expected share of a new track by the session's first artist before any of its tracks was recommended (the first track is near the
    /// session's taste).</summary>
    public double AnchorPrior { get; set; } = 0.9;

    /// <summary>Expected share of a new track by the best-ranked similar artist before any similar artist was tried this session.</summary>
    public double NeighbourPrior { get; set; } = 0.7;

    /// <summary>Weight of an artist's prior, in observed plays, when its estimate is updated from the session's times.</summary>
    public double PriorWeight { get; set; } = 0.3;

    /// <summary>Weight of <see cref="NeighbourPrior"/>, in tried similar artists: how many misses it takes to believe similar artists do not suit
    /// this listener.</summary>
    public double NeighbourPriorWeight { get; set; } = 0.3;

    /// <summary>The listener's share falls by this factor per earlier play of the same artist in the session.</summary>
    public double ArtistDiscount { get; set; } = 0.8;

    /// <summary>A similar artist at rank r (0 = most similar) is expected at RankDecay^r of the neighbour estimate.</summary>
    public double RankDecay { get; set; } = 0.99;

    /// <summary>Only artists the session listened to at least this well (estimated share) propose their similar artists.</summary>
    public double MinSourceValue { get; set; } = 0.5;

    /// <summary>At most this many session artists propose similar artists (bounds the work per request).</summary>
    public int MaxSources { get; set; } = 6;

    /// <summary>Similar artists read per proposing artist (bounds the work per request).</summary>
    public int RowScan { get; set; } = 50;

    /// <summary>Most recent session plays considered (bounds the work per request).</summary>
    public int MaxSessionPlays { get; set; } = 128;
}
