namespace Botify.Grains;

/// <summary>
/// A play reported by a client: the track, the share of it listened to (0..1), the gateway's request id, and when the
/// gateway received the request (UTC ticks; 0 = unknown), from which the grain counts the request's latency for the live view.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TrackPlay(
    [property: Id(0)] int Track,
    [property: Id(1)] double Time,
    [property: Id(2)] Guid RequestId,
    [property: Id(3)] long ReceivedTicks = 0);
