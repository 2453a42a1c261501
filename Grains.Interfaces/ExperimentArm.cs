namespace Botify.Grains;

/// <summary>The arm ("C", "T1", ...) a user is in for one experiment.</summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentArm(
    [property: Id(0)] string Experiment,
    [property: Id(1)] string Arm);
