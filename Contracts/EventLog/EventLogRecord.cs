using System.Text.Json.Serialization;
using Botify.Contracts.Experiments;

namespace Botify.Contracts.EventLog;

/// <summary>
/// One line of the event log as a writer hands it over, field names exactly as the reference service's
/// (README "Event log"): `message` next|last, `timestamp` Unix ms, `user`, `track`, `time` 0..1,
/// `latency` seconds, `recommendation` (null on last lines) and `experiments` {name: arm}.
/// <see cref="EventLogReader"/> reads such lines back as <see cref="LogEvent"/>.
/// </summary>
public readonly record struct EventLogRecord(
    string Message,
    long Timestamp,
    int User,
    int Track,
    double Time,
    double Latency,
    int? Recommendation,
    [property: JsonConverter(typeof(ExperimentArmsJsonConverter))] ExperimentArm[] Experiments)
{
    public const string Next = "next";
    public const string Last = "last";
}
