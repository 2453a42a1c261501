namespace Botify.Gateway;

/// <summary>Where and how the gateway writes its event log, bound from "Botify:EventLog".</summary>
public sealed class EventLogOptions
{
    public const string Section = "Botify:EventLog";

    /// <summary>Folder of `events-&lt;instance&gt;-&lt;seq&gt;.jsonl` files (`--log-dir`).</summary>
    public string Directory { get; set; } = "log";

    /// <summary>Names this writer's files (`--instance`); empty = `gw-&lt;port&gt;` of the first listening address.</summary>
    public string? Instance { get; set; }

    /// <summary>A file that reaches this size is closed and the next sequence number opened (`--log-max-bytes`).</summary>
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;
}
