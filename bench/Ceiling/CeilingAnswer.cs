using System.Text.Json.Serialization;

namespace Botify.Bench.Ceiling;

/// <summary>The answer of the ceiling endpoint, as the gateway's `{"user":int,"track":int}`.</summary>
public sealed record CeilingAnswer([property: JsonPropertyName("user")] int User, [property: JsonPropertyName("track")] int Track);
