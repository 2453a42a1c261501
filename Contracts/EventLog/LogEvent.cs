using System.Text.Json.Serialization;
using Botify.Contracts.Experiments;

namespace Botify.Contracts.EventLog;

/// <summary>
/// One line of the event log, as writers hand it over and readers give it back, field names exactly as the
/// reference service's (README "Event log"): `message` next|last, `timestamp` Unix ms, `user`, `track`,
/// `time` 0..1 (the share of <paramref name="Track"/> listened to), `latency` seconds, `recommendation`
/// (null on last lines) and `experiments` {name: arm} of every active experiment. Written through
/// <see cref="EventLogJsonContext"/>, read by <see cref="EventLogReader"/>, which shares one
/// <paramref name="Experiments"/> array between events with the same assignment (a million events do
/// not hold a million arrays).
/// </summary>
public readonly record struct LogEvent(
    [property: JsonConverter(typeof(JsonStringEnumConverter<LogMessage>))] LogMessage Message,
    long Timestamp,
    int User,
    int Track,
    double Time,
    double Latency,
    int? Recommendation,
    [property: JsonConverter(typeof(ExperimentArmsJsonConverter))] ExperimentArm[] Experiments)
{
    /// <summary>No experiment was active for the event.</summary>
    public static readonly ExperimentArm[] NoExperiments = [];

    [JsonIgnore]
    public bool IsLast => Message == LogMessage.Last;

    /// <summary>The user's arm in <paramref name="experiment"/>, or null when the event does not name it.</summary>
    public string? ArmOf(string experiment)
    {
        foreach (var arm in Experiments)
        {
            if (string.Equals(arm.Experiment, experiment, StringComparison.Ordinal)) return arm.Arm;
        }
        return null;
    }
}
