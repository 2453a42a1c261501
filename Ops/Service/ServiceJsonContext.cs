using System.Text.Json.Serialization;

namespace Botify.Ops.Service;

/// <summary>Source-generated JSON for the answers this command reads from the service.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(GatewayHealth))]
[JsonSerializable(typeof(SiloHealth))]
[JsonSerializable(typeof(UserAnswer))]
[JsonSerializable(typeof(NextAnswer))]
internal sealed partial class ServiceJsonContext : JsonSerializerContext;
