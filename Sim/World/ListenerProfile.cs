namespace Botify.Sim.World;

/// <summary>
/// A simulated listener: interest tracks, how easily they listen (bias, sharpness) and, per
/// interest, the tracks nearest to it (row k holds interest k's neighbours, best first).
/// </summary>
public sealed record ListenerProfile(int[] Interests, double ConsumeBias, double ConsumeSharpness, int[][] InterestNeighbours);
