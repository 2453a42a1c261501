namespace Botify.Ops.Service;

/// <summary>A gateway's `GET /health` answer, as this command reads it (200 ready, 503 before a catalog is loaded).</summary>
public sealed record GatewayHealth(
    string Status,
    string Message,
    string CatalogVersion,
    int Tracks,
    string[] Tables,
    string Storage,
    string? Redis,
    string? CatalogProblem,
    ProcessFigures? Process)
{
    public bool IsReady => Status == "ready";

    /// <summary>The service answers "none" (or nothing) as the version before a catalog is loaded.</summary>
    public bool HasCatalog => CatalogVersion is { Length: > 0 } and not "none";

    /// <summary>One line for status tables: "ready, catalog V (N tracks, tables a, b)".</summary>
    public string Describe() =>
        (IsReady ? "ready" : Status) + (!HasCatalog ? ", no catalog yet" : $", catalog {CatalogVersion} ({Tracks:N0} tracks"
            + (Tables.Length == 0 ? ")" : $", tables {string.Join(", ", Tables)})")) + (CatalogProblem is { } problem ? $"; problem: {problem}" : "");
}
