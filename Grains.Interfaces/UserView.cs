using Botify.Contracts.Experiments;

namespace Botify.Grains;

/// <summary>A read-only view of one user: persisted state, experiment arms and the recommender serving them.</summary>
[GenerateSerializer, Immutable]
public sealed record UserView(
    [property: Id(0)] long User,
    [property: Id(1)] int[] History,
    [property: Id(2)] string Method,
    [property: Id(3)] int FailCount,
    [property: Id(4)] ExperimentArm[] Experiments,
    [property: Id(5)] string Recommender);
