namespace Botify.Gateway;

/// <summary>`GET /health` answer: ready or not, and what the service serves from.</summary>
public sealed record HealthResponse(
    string Status,
    string Message,
    string CatalogVersion,
    int Tracks,
    string[] Tables,
    string Storage,
    string? Redis);
