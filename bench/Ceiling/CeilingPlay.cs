using System.Text.Json.Serialization;

namespace Botify.Bench.Ceiling;

/// <summary>The request body of the ceiling endpoint, as the gateway's `{"track":int,"time":float}`.</summary>
public sealed record CeilingPlay([property: JsonPropertyName("track")] int Track, [property: JsonPropertyName("time")] double Time);
