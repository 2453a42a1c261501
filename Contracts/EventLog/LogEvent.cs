namespace Botify.Contracts.EventLog;

/// <summary>
/// One event-log line as read back (format: README "Event log"; written as <see cref="EventLogRecord"/>): the played <paramref name="Track"/>
/// with its listened share <paramref name="Time"/>, the service's <paramref name="Latency"/> in seconds,
/// and the arm of every active experiment. <paramref name="Experiments"/> instances are shared between
/// events with the same assignment, so a million events do not hold a million dictionaries.
/// </summary>
public readonly record struct LogEvent(
    LogMessage Message,
    long Timestamp,
    int User,
    int Track,
    double Time,
    double Latency,
    int? Recommendation,
    IReadOnlyDictionary<string, string> Experiments)
{
    /// <summary>No experiment was active for the event.</summary>
    public static readonly IReadOnlyDictionary<string, string> NoExperiments = new Dictionary<string, string>();

    public bool IsLast => Message == LogMessage.Last;
}
