namespace Botify.Ops.Service;

/// <summary>A standalone silo's `GET /health` answer (on its dashboard port).</summary>
public sealed record SiloHealth(string Status, string Message, string Silo, string Name, string CatalogVersion, int Tracks, string? CatalogProblem)
{
    public bool IsReady => Status == "ready";

    public string Describe() =>
        $"{Status} ({Message}), {Silo}, " + (CatalogVersion.Length == 0 ? "no catalog yet" : $"catalog {CatalogVersion} ({Tracks:N0} tracks)")
        + (CatalogProblem is { } problem ? $"; problem: {problem}" : "");
}
