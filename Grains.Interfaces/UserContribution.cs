namespace Botify.Grains;

/// <summary>A user's closed-session figures in one arm of one experiment, as of the user's <paramref name="Version"/>-th closed session.</summary>
[GenerateSerializer, Immutable]
public sealed record UserContribution(
    [property: Id(0)] long User,
    [property: Id(1)] string Arm,
    [property: Id(2)] long Version,
    [property: Id(3)] int Sessions,
    [property: Id(4)] long Tracks,
    [property: Id(5)] double Time,
    [property: Id(6)] double LatencyMs);
