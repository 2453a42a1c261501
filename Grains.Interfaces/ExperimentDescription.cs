namespace Botify.Grains;

/// <summary>One configured experiment: its name and, per arm (C, T1, ...), the recommender spec serving it.</summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentDescription(
    [property: Id(0)] string Name,
    [property: Id(1)] string[] Arms,
    [property: Id(2)] string[] Recommenders);
