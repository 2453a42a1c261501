namespace Botify.Contracts.EventLog;

/// <summary>Which file layout a gateway writes its event log in (`--log-layout`).</summary>
public enum EventLogLayout
{
    /// <summary>The project's: `events-&lt;instance&gt;-&lt;seq&gt;.jsonl`, a new file at each start and rotation (<see cref="EventLogFileSet"/>).</summary>
    Jsonl,

    /// <summary>
    /// The reference service's: `data.json`, rotated to `data.json.1` … like Python's RotatingFileHandler (<see cref="ReferenceLogFileSet"/>).
    /// </summary>
    Reference,
}
