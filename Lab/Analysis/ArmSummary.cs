namespace Botify.Lab.Analysis;

/// <summary>
/// What one arm contributed: users with at least one closed session, closed sessions, and the
/// sessions never closed by a `last` event (excluded from the metrics) with their events, the
/// longest closed session and how many closed sessions reached the simulator's cap.
/// </summary>
public sealed record ArmSummary(
    string Arm, int Users, long ClosedSessions, long Tracks, long UnclosedSessions, long UnclosedEvents, long LongestSession, long CappedSessions)
{
    /// <summary>Share of closed sessions that reached the cap (0..1).</summary>
    public double CappedShare => ClosedSessions == 0 ? 0 : (double)CappedSessions / ClosedSessions;
}
