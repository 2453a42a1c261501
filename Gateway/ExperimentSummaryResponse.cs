using System.Text.Json.Serialization;

namespace Botify.Gateway;

/// <summary>One configured experiment in `GET /experiments`, with where its figures and page are.</summary>
public sealed record ExperimentSummaryResponse(
    [property: JsonPropertyName("experiment")] string Experiment,
    [property: JsonPropertyName("arms")] ExperimentArmSpecResponse[] Arms,
    [property: JsonPropertyName("figures")] string Figures,
    [property: JsonPropertyName("view")] string View);
