using System.Text.Json.Serialization;

namespace Botify.Contracts.Listening;

/// <summary>A request the user grain already applied, remembered so a retry is answered again instead of applied twice.</summary>
public readonly record struct AppliedRequest(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("recommendation")] int Recommendation);
