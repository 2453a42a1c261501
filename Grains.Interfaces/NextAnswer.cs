using Botify.Contracts.Experiments;
using Botify.Contracts.Listening;

namespace Botify.Grains;

/// <summary>The answer to a next-track request, with what the event log records about it.</summary>
[GenerateSerializer, Immutable]
public sealed record NextAnswer(
    [property: Id(0)] PlayOutcome Outcome,
    [property: Id(1)] int Recommendation,
    [property: Id(2)] string Recommender,
    [property: Id(3)] ExperimentArm[] Experiments);
