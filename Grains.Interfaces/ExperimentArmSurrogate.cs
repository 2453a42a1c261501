using Botify.Contracts.Experiments;

namespace Botify.Grains;

/// <summary>The wire form of <see cref="ExperimentArm"/> (a contracts type, which knows nothing of Orleans).</summary>
[GenerateSerializer, Immutable]
public readonly record struct ExperimentArmSurrogate(
    [property: Id(0)] string Experiment,
    [property: Id(1)] string Arm);
