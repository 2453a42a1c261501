namespace Botify.Grains;

/// <summary>A play reported by a client: the track, the share of it listened to (0..1), and the gateway's request id.</summary>
[GenerateSerializer, Immutable]
public sealed record TrackPlay(
    [property: Id(0)] int Track,
    [property: Id(1)] double Time,
    [property: Id(2)] Guid RequestId);
