namespace Botify.Hosting;

/// <summary>`GET /health` answer of a standalone silo.</summary>
public sealed record ClusterSiloHealthResponse(string Status, string Message, string Silo, string Name, string CatalogVersion, int Tracks,
    string? CatalogProblem);
