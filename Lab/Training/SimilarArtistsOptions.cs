namespace Botify.Lab.Training;

/// <summary>Similar-artist table (recommendations_similar_artists.json): what counts as liked, smoothing, list length.</summary>
public sealed record SimilarArtistsOptions
{
    public static readonly SimilarArtistsOptions Defaults = new();

    /// <summary>The expected share of an unrelated track, the baseline of a session with a single non-anchor play.</summary>
    public double Baseline { get; init; } = 0.2;

    /// <summary>Added to the cosine denominator so artists seen in few sessions do not top every list.</summary>
    public double Shrink { get; init; } = 1.0;

    /// <summary>Weight of two-hop similarity (similar to a similar artist), which fills the lists of rarely seen artists.</summary>
    public double TwoHopWeight { get; init; } = 0.3;

    /// <summary>
    /// Weight of two non-anchor tracks both listened above the session's norm, relative to an anchor pair
    /// (0: off; it blurred the lists on simulated logs).
    /// </summary>
    public double PairWeight { get; init; }

    /// <summary>Similar artists kept per artist.</summary>
    public int Size { get; init; } = 50;
}
