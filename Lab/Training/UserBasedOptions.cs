namespace Botify.Lab.Training;

/// <summary>Hyper-parameters of user-based collaborative filtering (<see cref="UserBasedCf"/>); defaults written once, here.</summary>
public sealed record UserBasedOptions
{
    public static readonly UserBasedOptions Defaults = new();

    /// <summary>Most similar users whose positives are summed into a user's scores (the user itself comes on top, similarity 1).</summary>
    public int Neighbours { get; init; } = 50;

    /// <summary>Added to the cosine denominator, so a single shared track between two users with few positives weighs less.</summary>
    public double Shrink { get; init; } = 2.0;

    /// <summary>Similarities are raised to this power before summing (above 1: the closest neighbours count more).</summary>
    public double Exponent { get; init; } = 1.0;

    /// <summary>Worker threads; the result does not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}
