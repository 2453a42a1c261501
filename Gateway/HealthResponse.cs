namespace Botify.Gateway;

/// <summary>`GET /health` answer: ready or not, what the service serves from, and a catalog problem (Redis unreachable or emptied) while the snapshot in memory keeps serving.</summary>
public sealed record HealthResponse(
    string Status,
    string Message,
    string CatalogVersion,
    int Tracks,
    string[] Tables,
    string Storage,
    string? Redis,
    string? CatalogProblem);
