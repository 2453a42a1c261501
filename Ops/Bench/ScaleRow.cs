namespace Botify.Ops.Bench;

/// <summary>
/// One size of the scale scenario: the fill that reached <see cref="Users"/> distinct users, then the wrk window over them
/// (random users of the N), the GC in that window (collections per generation, share of the time paused), and the memory after
/// it: the gateway's RSS and managed heap, the silo's activations, Redis' used_memory and keys.
/// </summary>
public sealed record ScaleRow(
    long Users,
    FillResult Fill,
    WrkResult Wrk,
    double? GcPausePercent,
    double? GcPauseMs,
    int[]? CollectionsByGeneration,
    long RssBytes,
    long PeakRssBytes,
    long? HeapBytes,
    int? Activations,
    long RedisUsedBytes,
    long RedisKeys,
    string LoadAverage);
