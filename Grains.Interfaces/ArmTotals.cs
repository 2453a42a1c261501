namespace Botify.Grains;

/// <summary>One arm's sums in one shard: users, sessions, tracks, and per metric (AbMetrics.All order) Σx and Σx².</summary>
[GenerateSerializer, Immutable]
public sealed record ArmTotals(
    [property: Id(0)] string Arm,
    [property: Id(1)] int Users,
    [property: Id(2)] long Sessions,
    [property: Id(3)] long Tracks,
    [property: Id(4)] double[] Sums,
    [property: Id(5)] double[] SumsOfSquares);
