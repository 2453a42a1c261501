using System.Text.Json.Serialization;

namespace Botify.Gateway;

/// <summary>Source-generated JSON for every HTTP body the gateway reads or writes (no reflection per request).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AliveResponse))]
[JsonSerializable(typeof(TrackResponse))]
[JsonSerializable(typeof(NextResponse))]
[JsonSerializable(typeof(LastResponse))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(PublicHealthResponse))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(PlayBody))]
[JsonSerializable(typeof(ExperimentListResponse))]
[JsonSerializable(typeof(ExperimentResponse))]
public sealed partial class GatewayJsonContext : JsonSerializerContext;
