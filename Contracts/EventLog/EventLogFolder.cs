namespace Botify.Contracts.EventLog;

/// <summary>
/// Every event read from a log folder, in file order (oldest file first, see <see cref="EventLogFiles"/>; lines in order), and what the scan found.
/// </summary>
public sealed record EventLogFolder(IReadOnlyList<LogEvent> Events, EventLogScan Scan)
{
    public string Folder => Scan.Folder;

    public IReadOnlyList<string> Files => Scan.Files;

    public long Lines => Scan.Lines;

    public long Malformed => Scan.Malformed;

    public string? FirstMalformed => Scan.FirstMalformed;

    /// <inheritdoc cref="EventLogScan.Summary"/>
    public string Summary() => Scan.Summary();
}
