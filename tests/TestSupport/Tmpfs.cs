using System.Diagnostics;

namespace Botify.TestSupport;

/// <summary>
/// A real, small tmpfs mounted on a fresh folder (needs root: CI runs as root), for tests of a disk that fills up.
/// <see cref="Fill"/> takes space with a filler file and <see cref="Free"/> gives it back; dispose unmounts.
/// </summary>
public sealed class Tmpfs : IDisposable
{
    private readonly string filler;

    private Tmpfs(string path)
    {
        Path = path;
        filler = System.IO.Path.Combine(path, "filler.bin");
    }

    private static readonly Lazy<string?> Refusal = new(Probe);

    /// <summary>True when this process may mount a tmpfs (probed once).</summary>
    public static bool CanMount => Refusal.Value is null;

    /// <summary>Why mounting is not possible here, for the skip message (null when it is).</summary>
    public static string? WhyNot => Refusal.Value;

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="bytes"/> (rounded to pages) on a new folder under the temp directory.</summary>
    public static Tmpfs Mount(long bytes)
    {
        var path = Directory.CreateTempSubdirectory("botify-tmpfs-").FullName;
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={bytes / 1024}k", "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            throw new InvalidOperationException($"mount -t tmpfs -o size={bytes / 1024}k tmpfs {path} failed ({code}): {output}");
        }
        return new Tmpfs(path);
    }

    /// <summary>Bytes still free on the file system.</summary>
    public long Available => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Writes a filler file until only about <paramref name="leaveBytes"/> are free (or the disk is full); returns its size.</summary>
    public long Fill(long leaveBytes = 0)
    {
        var chunk = new byte[4096];
        using var file = new FileStream(filler, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        try
        {
            while (Available - chunk.Length >= leaveBytes) file.Write(chunk);
        }
        catch (IOException)
        {
            // full
        }
        return file.Length;
    }

    /// <summary>Deletes the filler: the space it took is free again.</summary>
    public void Free() => File.Delete(filler);

    /// <summary>Grows the file system to <paramref name="bytes"/> (a remount; its files stay), for load that must not fill it again.</summary>
    public void Resize(long bytes)
    {
        var (code, output) = Run("mount", "-o", $"remount,size={bytes / 1024}k", Path);
        if (code != 0) throw new InvalidOperationException($"mount -o remount,size={bytes / 1024}k {Path} failed ({code}): {output}");
    }

    public void Dispose()
    {
        // Lazy unmount: a process that still holds a file there must not keep the mount (and the test) alive.
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a leftover empty folder is harmless
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux()) return "a tmpfs needs Linux";
        try
        {
            using var probe = Mount(64 * 1024);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return $"mounting a tmpfs is not permitted here (needs root; CI runs as root): {e.Message.Trim()}";
        }
    }

    private static (int Code, string Output) Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
