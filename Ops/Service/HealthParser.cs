using System.Text.Json;

namespace Botify.Ops.Service;

/// <summary>Parses `/health` answers from text (what the HTTP calls do, exposed for the tests against captured answers).</summary>
public static class HealthParser
{
    public static GatewayHealth Gateway(string json) =>
        JsonSerializer.Deserialize(json, ServiceJsonContext.Default.GatewayHealth) ?? throw new JsonException("a gateway /health answer cannot be null");

    public static SiloHealth Silo(string json) =>
        JsonSerializer.Deserialize(json, ServiceJsonContext.Default.SiloHealth) ?? throw new JsonException("a silo /health answer cannot be null");
}
