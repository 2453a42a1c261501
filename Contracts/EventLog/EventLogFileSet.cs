using System.Globalization;

namespace Botify.Contracts.EventLog;

/// <summary>
/// The project's layout: the files one writer instance owns in a log folder, `events-&lt;instance&gt;-&lt;seq&gt;.jsonl`,
/// the sequence number 4 digits or more, continuing after the files already there (so every start opens a new
/// file), and a new file once one holds <see cref="MaxFileBytes"/>. Readers take every `*.jsonl` in path order,
/// which is this order within an instance. With a <see cref="Retention"/>, the instance's oldest files are deleted
/// when a new one opens (never another instance's).
/// </summary>
public sealed class EventLogFileSet : IEventLogFileLayout
{
    public const string Extension = ".jsonl";

    /// <summary>The smallest rotation size accepted (a file holds a few lines at least).</summary>
    public const long MinFileBytes = 1024;

    private int sequence = -1;

    /// <summary>Checks the instance name and size; throws <see cref="ArgumentException"/> naming what to fix.</summary>
    public EventLogFileSet(string directory, string instance, long maxFileBytes, EventLogRetention retention = default)
    {
        if (maxFileBytes < MinFileBytes)
        {
            throw new ArgumentException($"the event log's rotation size is {maxFileBytes} bytes; set it to {MinFileBytes} bytes or more");
        }
        if (retention.MaxBytes > 0 && retention.MaxBytes < maxFileBytes)
        {
            throw new ArgumentException(
                $"the event log's retention keeps {retention.MaxBytes} bytes, less than one file ({maxFileBytes} bytes); " +
                "raise --log-retain-bytes or lower --log-max-bytes");
        }
        Directory = directory;
        Instance = CheckedInstance(instance);
        MaxFileBytes = maxFileBytes;
        Retention = retention;
    }

    /// <summary>The folder of the files.</summary>
    public string Directory { get; }

    /// <summary>The writer's name inside the file names (`gw-5001`, `sim`, ...).</summary>
    public string Instance { get; }

    /// <summary>A file that reaches this size is closed and the next one opened.</summary>
    public long MaxFileBytes { get; }

    /// <summary>Which of the instance's older files are deleted when a new one opens (off by default).</summary>
    public EventLogRetention Retention { get; }

    public string Describe() =>
        $"folder {Directory}, files {string.Create(CultureInfo.InvariantCulture, $"events-{Instance}-NNNN{Extension}")}, " +
        $"a new file every {MaxFileBytes:N0} bytes and at each start; {Retention.Describe()}";

    /// <summary>Before a new file of the set opens: the retention deletes the instance's oldest files so that, with the new one, the limits hold.</summary>
    public IReadOnlyList<DeletedLogFile> PrepareNext(string? closedPath)
    {
        if (Retention.IsOff) return [];
        var files = ExistingFiles();
        var sizes = new long[files.Count];
        long total = 0;
        for (var i = 0; i < files.Count; i++)
        {
            sizes[i] = SizeOf(files[i]);
            total += sizes[i];
        }
        var deleted = new List<DeletedLogFile>();
        for (var i = 0; i < files.Count; i++)
        {
            var kept = files.Count - i;
            var tooMany = Retention.MaxFiles > 0 && kept + 1 > Retention.MaxFiles;
            var tooLarge = Retention.MaxBytes > 0 && total + MaxFileBytes > Retention.MaxBytes;
            if (!tooMany && !tooLarge) break;
            try
            {
                File.Delete(files[i]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // kept; the next rotation tries again
            }
            total -= sizes[i];
            deleted.Add(new DeletedLogFile(files[i], sizes[i]));
        }
        return deleted;
    }

    /// <summary>The next file of the set, new (see <see cref="OpenNext"/>).</summary>
    public FileStream OpenCurrent(out string path) => OpenNext(out path);

    /// <summary>The project's rule: a file that has reached the size takes no further line.</summary>
    public bool MustRotateBefore(long fileBytes, int lineBytes) => fileBytes >= MaxFileBytes;

    /// <summary>The name of file number <paramref name="sequence"/> of an instance.</summary>
    public static string FileName(string instance, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"events-{instance}-{sequence:D4}{Extension}");

    /// <summary>The instance name when it may be part of a file name (letters, digits, '-', '_', '.'); else an exception saying so.</summary>
    public static string CheckedInstance(string name)
    {
        if (name.Length == 0) throw new ArgumentException("the event log's instance name is empty; it is part of the log file names");
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new ArgumentException($"--instance '{name}' may contain only letters, digits, '-', '_' and '.' (it is part of the log file names)");
            }
        }
        return name;
    }

    /// <summary>This instance's files already in the folder, in sequence order.</summary>
    public IReadOnlyList<string> ExistingFiles()
    {
        var found = new List<(int Sequence, string Path)>();
        if (!System.IO.Directory.Exists(Directory)) return [];
        var prefix = $"events-{Instance}-";
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, prefix + "*" + Extension))
        {
            var middle = Path.GetFileNameWithoutExtension(path).AsSpan(prefix.Length);
            if (int.TryParse(middle, NumberStyles.None, CultureInfo.InvariantCulture, out var seq)) found.Add((seq, path));
        }
        found.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        var paths = new string[found.Count];
        for (var i = 0; i < paths.Length; i++) paths[i] = found[i].Path;
        return paths;
    }

    /// <summary>
    /// Creates the next file of the set (never overwrites one: a number another writer of the same
    /// instance took is skipped) and returns it open for appending.
    /// </summary>
    public FileStream OpenNext(out string path)
    {
        if (sequence < 0) sequence = LastSequence();
        while (true)
        {
            sequence++;
            path = Path.Combine(Directory, FileName(Instance, sequence));
            try
            {
                System.IO.Directory.CreateDirectory(Directory);
                return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another writer with the same instance name took this number: take the next.
            }
        }
    }

    /// <summary>The largest timestamp already written by this instance (0 when none): a rerun's clock starts after it.</summary>
    public long LatestTimestamp()
    {
        long latest = 0;
        foreach (var path in ExistingFiles()) latest = Math.Max(latest, EventLogTail.LastTimestamp(path));
        return latest;
    }

    private static long SizeOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private int LastSequence()
    {
        var files = ExistingFiles();
        if (files.Count == 0) return 0;
        var name = Path.GetFileNameWithoutExtension(files[^1]);
        return int.Parse(name.AsSpan(name.LastIndexOf('-') + 1), NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
