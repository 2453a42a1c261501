using Botify.Contracts.Experiments;

namespace Botify.Grains;

/// <summary>Lets Orleans carry <see cref="ExperimentArm"/> in grain calls through <see cref="ExperimentArmSurrogate"/>.</summary>
[RegisterConverter]
public sealed class ExperimentArmSurrogateConverter : IConverter<ExperimentArm, ExperimentArmSurrogate>
{
    public ExperimentArm ConvertFromSurrogate(in ExperimentArmSurrogate surrogate) => new(surrogate.Experiment, surrogate.Arm);

    public ExperimentArmSurrogate ConvertToSurrogate(in ExperimentArm value) => new(value.Experiment, value.Arm);
}
