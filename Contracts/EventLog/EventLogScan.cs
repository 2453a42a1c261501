namespace Botify.Contracts.EventLog;

/// <summary>
/// What reading a log folder found: the files (in the order read), the events, every line (blank and
/// skipped ones included) and the malformed lines skipped; <see cref="FirstMalformed"/> names the first
/// as "file:line: reason".
/// </summary>
public sealed record EventLogScan(
    string Folder,
    IReadOnlyList<string> Files,
    long Events,
    long Lines,
    long Malformed,
    string? FirstMalformed)
{
    /// <summary>One line for the terminal: what was read and what was skipped.</summary>
    public string Summary()
    {
        var text = $"read {Events:N0} events from {Files.Count} file(s) under {Folder}";
        return Malformed == 0
            ? text
            : $"{text}; skipped {Malformed:N0} malformed line(s), first: {FirstMalformed}";
    }
}
