using System.Text.Json.Serialization;

namespace Botify.Gateway;

/// <summary>`GET /experiments/{name}`: per arm counts and the rows of every treatment against control C.</summary>
public sealed record ExperimentResponse(
    [property: JsonPropertyName("experiment")] string Experiment,
    [property: JsonPropertyName("arms")] ExperimentArmResponse[] Arms,
    [property: JsonPropertyName("rows")] ExperimentRowResponse[] Rows)
{
    public static ExperimentResponse Of(LiveExperiment live)
    {
        var arms = new ExperimentArmResponse[live.Arms.Count];
        for (var a = 0; a < arms.Length; a++)
        {
            var arm = live.Arms[a];
            arms[a] = new ExperimentArmResponse(arm.Arm, live.Recommenders.GetValueOrDefault(arm.Arm), arm.Users, arm.Sessions, arm.Tracks);
        }
        return new ExperimentResponse(live.Name, arms, live.Rows.Select(ExperimentRowResponse.Of).ToArray());
    }
}
