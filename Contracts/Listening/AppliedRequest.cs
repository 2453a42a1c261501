namespace Botify.Contracts.Listening;

/// <summary>
/// A request the user grain already applied, remembered so a retry is answered again instead of applied twice: the request's
/// 64-bit key (<see cref="RequestKey"/>) and the track it was answered with (<see cref="ListenerStateRules.NoTrack"/> for a `last`).
/// </summary>
public readonly record struct AppliedRequest(long Id, int Recommendation);
