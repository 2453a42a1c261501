namespace Botify.Contracts.EventLog;

/// <summary>Receives one event of a streamed log (<see cref="EventLogReader.Stream"/>); the event is passed by reference, not copied.</summary>
public delegate void LogEventHandler(in LogEvent e);
