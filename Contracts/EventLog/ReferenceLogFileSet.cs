using System.Globalization;

namespace Botify.Contracts.EventLog;

/// <summary>
/// The reference service's layout, as Python's <c>logging.handlers.RotatingFileHandler</c> writes it: lines go to
/// <c>&lt;folder&gt;/data.json</c> (appended to across restarts); before a line that would bring it to
/// <see cref="MaxFileBytes"/> or more, <c>data.json.(k)</c> is renamed to <c>data.json.(k+1)</c> for k = n−1 … 1
/// (the old <c>data.json.n</c> is deleted), then <c>data.json</c> to <c>data.json.1</c>, and a new <c>data.json</c>
/// opens; n = <see cref="Backups"/> (0 = never rotates, as Python's). Oldest first the files read
/// <c>data.json.n</c> … <c>data.json.1</c>, <c>data.json</c>: <see cref="CompareRotationOrder"/> is that rule, for
/// writers and readers alike.
/// </summary>
public sealed class ReferenceLogFileSet : IEventLogFileLayout
{
    /// <summary>The file lines go to; backups are this name + ".N".</summary>
    public const string BaseName = "data.json";

    /// <summary>The reference course's backup count.</summary>
    public const int DefaultBackups = 10;

    /// <summary>Checks the size and backup count; throws <see cref="ArgumentException"/> naming what to fix.</summary>
    public ReferenceLogFileSet(string directory, long maxFileBytes, int backups = DefaultBackups)
    {
        if (maxFileBytes < EventLogFileSet.MinFileBytes)
        {
            throw new ArgumentException($"the event log's rotation size is {maxFileBytes} bytes; set it to {EventLogFileSet.MinFileBytes} bytes or more");
        }
        if (backups < 0) throw new ArgumentException($"--log-backups is {backups}; give 0 (never rotate) or more");
        Directory = directory;
        MaxFileBytes = maxFileBytes;
        Backups = backups;
    }

    public string Directory { get; }

    public long MaxFileBytes { get; }

    /// <summary>Rotated files kept: <c>data.json.1</c> … <c>data.json.Backups</c>.</summary>
    public int Backups { get; }

    /// <summary>The path of <c>data.json</c>.</summary>
    public string CurrentPath => Path.Combine(Directory, BaseName);

    /// <summary>The name of backup <paramref name="index"/> (<c>data.json.3</c>); index 0 is <c>data.json</c> itself.</summary>
    public static string FileName(int index) =>
        index == 0 ? BaseName : string.Create(CultureInfo.InvariantCulture, $"{BaseName}.{index}");

    /// <summary>
    /// True for <c>data.json</c> (<paramref name="index"/> 0) and <c>data.json.N</c> (N ≥ 1, digits only) — the names
    /// the reference layout writes; false for anything else (<c>data.json.bak</c>, <c>data.json.01</c>).
    /// </summary>
    public static bool TryParseFileName(string fileName, out int index)
    {
        index = 0;
        if (fileName == BaseName) return true;
        if (!fileName.StartsWith(BaseName + ".", StringComparison.Ordinal)) return false;
        var digits = fileName.AsSpan(BaseName.Length + 1);
        return digits.Length > 0 && digits[0] != '0'
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out index);
    }

    /// <summary>
    /// Orders paths oldest first the way the layout rotates: by folder, then within a folder the highest backup
    /// first and <c>data.json</c> last. Paths that are not of this layout compare by path after those of their folder.
    /// </summary>
    public static int CompareRotationOrder(string a, string b)
    {
        var byFolder = string.CompareOrdinal(Path.GetDirectoryName(a), Path.GetDirectoryName(b));
        if (byFolder != 0) return byFolder;
        var isA = TryParseFileName(Path.GetFileName(a), out var indexA);
        var isB = TryParseFileName(Path.GetFileName(b), out var indexB);
        if (isA && isB) return indexB.CompareTo(indexA);
        if (isA != isB) return isA ? -1 : 1;
        return string.CompareOrdinal(a, b);
    }

    public string Describe() => Backups == 0
        ? $"folder {Directory}, file {BaseName} (reference layout), never rotated (--log-backups 0)"
        : $"folder {Directory}, file {BaseName} (reference layout), rotated to {FileName(1)} … {FileName(Backups)} " +
          $"before it reaches {MaxFileBytes:N0} bytes; " +
          $"the oldest beyond {Backups} is deleted";

    /// <summary>After <c>data.json</c> was closed full: the backups shift by one (the last one is deleted), <c>data.json</c> becomes <c>.1</c>.</summary>
    public IReadOnlyList<DeletedLogFile> PrepareNext(string? closedPath)
    {
        if (closedPath is null || Backups == 0) return [];
        var deleted = new List<DeletedLogFile>();
        for (var k = Backups - 1; k >= 1; k--)
        {
            var source = Path.Combine(Directory, FileName(k));
            if (!File.Exists(source)) continue;
            var target = Path.Combine(Directory, FileName(k + 1));
            DeleteIfExists(target, deleted);
            File.Move(source, target);
        }
        var first = Path.Combine(Directory, FileName(1));
        DeleteIfExists(first, deleted);
        File.Move(CurrentPath, first);
        return deleted;
    }

    /// <summary><c>data.json</c>, created when missing, else opened to append to.</summary>
    public FileStream OpenCurrent(out string path)
    {
        path = CurrentPath;
        System.IO.Directory.CreateDirectory(Directory);
        var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        file.Seek(0, SeekOrigin.End);
        return file;
    }

    /// <summary>Python's rule: rotate when the file's size plus the new line would reach the limit (never with 0 backups).</summary>
    public bool MustRotateBefore(long fileBytes, int lineBytes) => Backups > 0 && fileBytes + lineBytes >= MaxFileBytes;

    public long LatestTimestamp() =>
        Math.Max(EventLogTail.LastTimestamp(CurrentPath), EventLogTail.LastTimestamp(Path.Combine(Directory, FileName(1))));

    private static void DeleteIfExists(string path, List<DeletedLogFile> deleted)
    {
        var info = new FileInfo(path);
        if (!info.Exists) return;
        var bytes = info.Length;
        info.Delete();
        deleted.Add(new DeletedLogFile(path, bytes));
    }
}
