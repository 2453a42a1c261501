using System.Text.Json.Serialization;

namespace Botify.Contracts.EventLog;

/// <summary>The request an event-log line records: `/next` or `/last` (which closes a session); written "next" / "last".</summary>
public enum LogMessage : byte
{
    [JsonStringEnumMemberName("next")]
    Next = 0,

    [JsonStringEnumMemberName("last")]
    Last = 1,
}
