namespace Botify.Contracts.EventLog;

/// <summary>The request an event-log line records: `/next` or `/last` (which closes a session).</summary>
public enum LogMessage : byte
{
    Next = 0,
    Last = 1,
}
