namespace Botify.Ops.Bench;

/// <summary>Redis `MEMORY USAGE` of users played to a full history (history and request-id window full): smallest, mean, largest.</summary>
public sealed record FullHistoryRecord(int Users, long MinBytes, double MeanBytes, long MaxBytes, string Example);
