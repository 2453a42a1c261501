namespace Botify.Lab.Analysis;

/// <summary>
/// What one arm contributed: users with at least one closed session, closed sessions, and the
/// sessions never closed by a `last` event (excluded from the metrics) with their events.
/// </summary>
public sealed record ArmSummary(string Arm, int Users, long ClosedSessions, long Tracks, long UnclosedSessions, long UnclosedEvents);
