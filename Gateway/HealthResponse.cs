namespace Botify.Gateway;

/// <summary>
/// `GET /health` answer: ready or not, what the service serves from, a catalog problem (Redis unreachable or emptied)
/// while the snapshot in memory keeps serving, the event log's state, and the process's GC and memory figures.
/// </summary>
public sealed record HealthResponse(
    string Status,
    string Message,
    string CatalogVersion,
    int Tracks,
    string[] Tables,
    string Storage,
    string? Redis,
    string? CatalogProblem,
    EventLogHealth EventLog,
    ProcessStats Process);
