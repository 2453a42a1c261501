namespace Botify.Lab.Logs;

/// <summary>
/// Every event read from a log folder, in file order (files sorted by path, lines in order),
/// plus what was skipped: <see cref="FirstMalformed"/> names the first bad line as "file:line: reason".
/// </summary>
public sealed record EventLogFolder(
    string Folder,
    IReadOnlyList<LogEvent> Events,
    IReadOnlyList<string> Files,
    long Lines,
    long Malformed,
    string? FirstMalformed)
{
    /// <summary>One line for the terminal: what was read and what was skipped.</summary>
    public string Summary()
    {
        var text = $"read {Events.Count:N0} events from {Files.Count} file(s) under {Folder}";
        return Malformed == 0
            ? text
            : $"{text}; skipped {Malformed:N0} malformed line(s), first: {FirstMalformed}";
    }
}
