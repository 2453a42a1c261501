namespace Botify.Lab.Training;

/// <summary>Similar-artist table (recommendations_similar_artists.json): what counts as liked, smoothing, list length.</summary>
public sealed record SimilarArtistsOptions
{
    public static readonly SimilarArtistsOptions Defaults = new();

    /// <summary>A play at or above this share makes its artist liked in that session (the session's first track always is).</summary>
    public double LikeThreshold { get; init; } = 0.8;

    /// <summary>Added to the cosine denominator so artists seen in few sessions do not top every list.</summary>
    public double Shrink { get; init; } = 2.0;

    /// <summary>Weight of two-hop similarity (similar to a similar artist), which fills the lists of rarely seen artists.</summary>
    public double TwoHopWeight { get; init; } = 0.3;

    /// <summary>Similar artists kept per artist.</summary>
    public int Size { get; init; } = 50;
}
