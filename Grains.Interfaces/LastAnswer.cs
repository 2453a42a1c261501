using Botify.Contracts.Experiments;
using Botify.Contracts.Listening;

namespace Botify.Grains;

/// <summary>The answer to a last-track request, with the user's experiment arms for the event log.</summary>
[GenerateSerializer, Immutable]
public sealed record LastAnswer(
    [property: Id(0)] PlayOutcome Outcome,
    [property: Id(1)] ExperimentArm[] Experiments);
