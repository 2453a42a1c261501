namespace Botify.Contracts.EventLog;

/// <summary>
/// The files a reader takes from a log folder, in both layouts and mixed: every <c>*.jsonl</c> (the project's,
/// <see cref="EventLogFileSet"/>) and every <c>data.json</c> / <c>data.json.N</c> (the reference service's,
/// <see cref="ReferenceLogFileSet"/>), in the folder and any sub-folder (one per gateway or container, as the
/// course's copy tool lays them out). Each file is taken once, and the order is the layouts' own rotation order,
/// folder by folder (<see cref="ReferenceLogFileSet.CompareRotationOrder"/>): oldest lines first.
/// </summary>
public static class EventLogFiles
{
    /// <summary>How the accepted names read in messages.</summary>
    public const string Patterns = "*.jsonl or data.json / data.json.N";

    /// <summary>True for a name a reader takes: <c>*.jsonl</c>, <c>data.json</c> or <c>data.json.N</c>.</summary>
    public static bool IsEventLogFile(string fileName) =>
        fileName.EndsWith(EventLogFileSet.Extension, StringComparison.Ordinal) || ReferenceLogFileSet.TryParseFileName(fileName, out _);

    /// <summary>
    /// The event-log files under <paramref name="folder"/>, oldest first; throws <see cref="EventLogException"/> naming both patterns
    /// when the folder is missing or holds none.
    /// </summary>
    public static List<string> Find(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new EventLogException(
                $"--logs {folder}: folder not found; pass the folder the gateway or simulator wrote its event log to ({Patterns} files, in it or below).");
        }
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 };
        try
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*", options))
            {
                if (!IsEventLogFile(Path.GetFileName(path))) continue;
                // A symbolic link to a file found elsewhere in the folder is the same lines: read them once.
                if (seen.Add(Identity(path))) files.Add(path);
            }
        }
        catch (UnauthorizedAccessException e)
        {
            throw new EventLogException($"--logs {folder}: a folder below it cannot be read ({e.Message}); give this user read access to it or move it out.");
        }
        if (files.Count == 0)
        {
            throw new EventLogException(
                $"--logs {folder}: no {Patterns} files in this folder or below; pass the folder the gateway or simulator wrote its event log to " +
                "(events-*.jsonl, or the reference layout's data.json and its rotated data.json.1 …, one sub-folder per gateway is fine; " +
                $"files and lines: {EventLogReader.FormatReference}).");
        }
        files.Sort(ReferenceLogFileSet.CompareRotationOrder);
        return files;
    }

    private static string Identity(string path)
    {
        try
        {
            return File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        }
        catch (IOException)
        {
            return Path.GetFullPath(path); // a dangling or looping link: reading it reports the problem
        }
    }
}
