using System.Text.Json.Serialization;
using Botify.Grains;

namespace Botify.Gateway;

/// <summary>One line of the event log, field names exactly as the reference service (see README "Event log").</summary>
public sealed record EventLogRecord(
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
