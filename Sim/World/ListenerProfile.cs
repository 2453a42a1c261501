namespace Botify.Sim.World;

/// <summary>
/// A simulated listener: interest tracks, how easily they listen (bias, sharpness) and, per
/// interest, the tracks nearest to it (row k holds interest k's neighbours, best first).
/// <see cref="SessionBudget"/> and <see cref="ArtistDiscount"/> are set only for listeners whose world gives their own
/// (the course's users.json may); otherwise the listener model's options apply.
/// </summary>
public sealed record ListenerProfile(int[] Interests, double ConsumeBias, double ConsumeSharpness, int[][] InterestNeighbours)
{
    public int? SessionBudget { get; init; }

    public double? ArtistDiscount { get; init; }
}
