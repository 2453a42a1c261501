namespace Botify.Lab.Training;

/// <summary>Contextual (i2i) from positive transitions: which pairs count, how far ahead, how they are weighted against popularity, list length.</summary>
public sealed record ContextualOptions
{
    public static readonly ContextualOptions Defaults = new();

    /// <summary>Followers up to this many events later in the same session count.</summary>
    public int Window { get; init; } = 3;

    /// <summary>Weight of a follower d events later: Decay^(d−1).</summary>
    public double Decay { get; init; } = 0.5;

    /// <summary>Recommendations kept per track.</summary>
    public int Size { get; init; } = 50;

    /// <summary>Only transitions from a track listened above the positive threshold count (both ends liked); false: any source.</summary>
    public bool PositiveSources { get; init; } = true;

    /// <summary>How followers are scored against their popularity.</summary>
    public ContextualWeighting Weighting { get; init; } = ContextualWeighting.Cosine;

    /// <summary>Followers whose co-occurrence weight w(a, b) is below this are left out (one chance pairing is noise once data is plentiful).</summary>
    public double MinWeight { get; init; } = 1.5;

    /// <summary>Added to the popularity denominator of <see cref="ContextualWeighting.Cosine"/> and <see cref="ContextualWeighting.Lift"/>.</summary>
    public double Shrink { get; init; } = 1.0;
}
