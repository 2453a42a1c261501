namespace Botify.Lab.Training;

/// <summary>Contextual (i2i) co-occurrence: how far ahead a follower counts, how fast its weight decays, list length.</summary>
public sealed record ContextualOptions
{
    public static readonly ContextualOptions Defaults = new();

    /// <summary>Followers up to this many events later in the same session count.</summary>
    public int Window { get; init; } = 3;

    /// <summary>Weight of a follower d events later: Decay^(d−1).</summary>
    public double Decay { get; init; } = 0.5;

    /// <summary>Recommendations kept per track.</summary>
    public int Size { get; init; } = 50;
}
