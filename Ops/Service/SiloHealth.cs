namespace Botify.Ops.Service;

/// <summary>A standalone silo's `GET /health` answer (on its dashboard port).</summary>
public sealed record SiloHealth(string Status, string Message, string Silo, string Name, string CatalogVersion, int Tracks, string? CatalogProblem)
{
    public bool IsReady => Status == "ready";

    /// <summary>The service answers "none" (or nothing) as the version before a catalog is loaded.</summary>
    public bool HasCatalog => CatalogVersion is { Length: > 0 } and not "none";

    public string Describe() =>
        $"{Status} ({Message}), {Silo}, " + (!HasCatalog ? "no catalog yet" : $"catalog {CatalogVersion} ({Tracks:N0} tracks)")
        + (CatalogProblem is { } problem ? $"; problem: {problem}" : "");
}
