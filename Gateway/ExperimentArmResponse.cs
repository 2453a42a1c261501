using System.Text.Json.Serialization;

namespace Botify.Gateway;

/// <summary>One arm of an experiment: its recommender (null for an arm no silo is configured with) and its live counts.</summary>
public sealed record ExperimentArmResponse(
    [property: JsonPropertyName("arm")] string Arm,
    [property: JsonPropertyName("recommender"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Recommender,
    [property: JsonPropertyName("users")] int Users,
    [property: JsonPropertyName("sessions")] long Sessions,
    [property: JsonPropertyName("tracks")] long Tracks);
