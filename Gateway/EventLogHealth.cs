namespace Botify.Gateway;

/// <summary>
/// The `eventLog` part of `GET /health`: where lines go, whether they can be written, what is queued (bounded by
/// <see cref="Capacity"/>) and how many requests were refused because they could not be.
/// </summary>
public sealed record EventLogHealth(
    string State,
    string Files,
    long Written,
    long Queued,
    int Capacity,
    long RefusedCannotWrite,
    long RefusedQueueFull,
    string? Problem,
    double? FailingSeconds);
