namespace Botify.Contracts.EventLog;

/// <summary>An event-log file that rotation or retention deleted, and how large it was.</summary>
public readonly record struct DeletedLogFile(string Path, long Bytes);
