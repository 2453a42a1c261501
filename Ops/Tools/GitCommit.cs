using System.Diagnostics;

namespace Botify.Ops.Tools;

/// <summary>The commit a measurement was made at, and whether the service's code had uncommitted changes.</summary>
public static class GitCommit
{
    public static string Short(string repo) => Git(repo, "rev-parse", "--short", "HEAD")?.Trim() is { Length: > 0 } commit ? commit : "unknown";

    /// <summary>True when the service's code (Gateway, Grains, Grains.Interfaces, Hosting, Contracts, Silo) differs from the commit.</summary>
    public static bool ServiceDirty(string repo) =>
        Git(repo, "status", "--porcelain", "--untracked-files=no", "--", "Gateway", "Grains", "Grains.Interfaces", "Hosting", "Contracts", "Silo")
            is { Length: > 0 };

    private static string? Git(string repo, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = repo,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
