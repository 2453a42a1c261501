using Botify.Contracts.EventLog;

namespace Botify.Gateway;

/// <summary>Where and how the gateway writes its event log, bound from "Botify:EventLog".</summary>
public sealed class EventLogOptions
{
    public const string Section = "Botify:EventLog";

    /// <summary>Folder of the log files (`--log-dir`).</summary>
    public string Directory { get; set; } = "log";

    /// <summary>
    /// `jsonl` (`events-&lt;instance&gt;-&lt;seq&gt;.jsonl`, ours) or `reference` (`data.json`, `data.json.1` …, the reference
    /// service's) (`--log-layout`).
    /// </summary>
    public string Layout { get; set; } = "jsonl";

    /// <summary>Names this writer's files in the jsonl layout (`--instance`); empty = `gw-&lt;port&gt;` of the first listening address.</summary>
    public string? Instance { get; set; }

    /// <summary>The rotation size (`--log-max-bytes`): jsonl closes a file that reached it; reference rotates before a line would reach it.</summary>
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Reference layout: rotated files kept, `data.json.1` … `data.json.N` (`--log-backups`; 0 = never rotate, as Python's).</summary>
    public int Backups { get; set; } = ReferenceLogFileSet.DefaultBackups;

    /// <summary>Jsonl layout: keep at most this many of the instance's files, the oldest deleted first (`--log-retain-files`; 0 = all).</summary>
    public int RetainFiles { get; set; }

    /// <summary>Jsonl layout: keep at most this many bytes of the instance's files, the oldest deleted first (`--log-retain-bytes`; 0 = all).</summary>
    public long RetainBytes { get; set; }

    /// <summary>Lines accepted and not yet in a file, at most; beyond it `/next` and `/last` answer 503 (`--log-queue`).</summary>
    public int QueueCapacity { get; set; } = 65_536;

    /// <summary>How often a writer that cannot write tries again (also the 503's Retry-After, rounded up to seconds).</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a graceful stop keeps trying to write what is queued before it gives up and says how many lines were lost.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
