using System.Text.Json.Serialization;

namespace Botify.Gateway;

/// <summary>An arm of a configured experiment and the recommender spec serving it.</summary>
public sealed record ExperimentArmSpecResponse(
    [property: JsonPropertyName("arm")] string Arm,
    [property: JsonPropertyName("recommender")] string Recommender);
