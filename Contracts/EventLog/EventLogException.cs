namespace Botify.Contracts.EventLog;

/// <summary>The log folder cannot be used at all (missing, or holds no event); the message says what to pass instead.</summary>
public sealed class EventLogException(string message) : Exception(message);
