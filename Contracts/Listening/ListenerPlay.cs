namespace Botify.Contracts.Listening;

/// <summary>
/// One play handed to <see cref="ListenerStateRules"/>: the user, the track, the share of it listened to (0..1)
/// and the request id (<see cref="Guid.Empty"/> = none: never treated as a retry).
/// </summary>
public readonly record struct ListenerPlay(long User, int Track, double Time, Guid RequestId);
