namespace Botify.Contracts.EventLog;

/// <summary>
/// How one writer's lines are laid out in files: which file they go to, when a full file is rotated and
/// what rotation renames or deletes. <see cref="EventLogFileSet"/> is the project's layout
/// (`events-&lt;instance&gt;-&lt;seq&gt;.jsonl`), <see cref="ReferenceLogFileSet"/> the reference service's
/// (`data.json`, `data.json.1`, …); <see cref="EventLogFileWriter"/> writes lines through either.
/// </summary>
public interface IEventLogFileLayout
{
    /// <summary>The folder of the files.</summary>
    string Directory { get; }

    /// <summary>The rotation size in bytes.</summary>
    long MaxFileBytes { get; }

    /// <summary>One line for the terminal: folder, file names, rotation and what is deleted.</summary>
    string Describe();

    /// <summary>
    /// Called before each file is opened: <paramref name="closedPath"/> is the file just closed because it was full
    /// (null at the first open). Renames and deletes what the layout's rotation and retention say; returns the deleted files.
    /// </summary>
    IReadOnlyList<DeletedLogFile> PrepareNext(string? closedPath);

    /// <summary>The file lines go to now, opened for reading and writing (the writer appends at its end).</summary>
    FileStream OpenCurrent(out string path);

    /// <summary>True when a line of <paramref name="lineBytes"/> must go to a new file, the current one holding <paramref name="fileBytes"/>.</summary>
    bool MustRotateBefore(long fileBytes, int lineBytes);

    /// <summary>The largest timestamp already written to this layout's files (0 when none): a rerun's clock starts after it.</summary>
    long LatestTimestamp();
}
