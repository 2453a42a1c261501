namespace Botify.Contracts.EventLog;

/// <summary>
/// How many of its own files a writer of the project's layout keeps: at most <see cref="MaxFiles"/> files, at most
/// <see cref="MaxBytes"/> bytes in all, the current file included; the oldest are deleted first when a new file
/// opens. 0 = no limit. Off by default: the log is the record A/B analyses are computed from.
/// </summary>
public readonly record struct EventLogRetention(int MaxFiles, long MaxBytes)
{
    /// <summary>Keep everything.</summary>
    public static readonly EventLogRetention Off = new(0, 0);

    public bool IsOff => MaxFiles <= 0 && MaxBytes <= 0;

    /// <summary>For the terminal: "keeps everything", "keeps the newest 10 files", "keeps at most 1,073,741,824 bytes".</summary>
    public string Describe() => (MaxFiles > 0, MaxBytes > 0) switch
    {
        (false, false) => "keeps every file (no retention)",
        (true, false) => $"keeps the newest {MaxFiles} file(s), deletes older ones",
        (false, true) => $"keeps at most {MaxBytes:N0} bytes, deletes the oldest files beyond",
        _ => $"keeps the newest {MaxFiles} file(s) and at most {MaxBytes:N0} bytes, deletes older ones",
    };
}
