using System.Diagnostics;

namespace Botify.Ops.Tools;

/// <summary>
/// Finds the programs the command starts and installs the missing ones through apt (the only place that does).
/// No curl and no python3 are needed: HTTP, JSON and the reports are this command's own code.
/// </summary>
public static class DebianTools
{
    public const string RedisServer = "redis-server";

    // sbin is not on a normal user's PATH, but nginx lives there.
    private static readonly string[] ExtraFolders = ["/usr/sbin", "/sbin", "/usr/local/sbin"];

    /// <summary>Full path of <paramref name="command"/> on PATH (or in an sbin folder), else null.</summary>
    public static string? Find(string command)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(ExtraFolders))
        {
            var candidate = Path.Combine(folder, command);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Installs the packages of the tools that are missing (apt-get update, then install); an error naming the command to run by hand.</summary>
    public static async Task EnsureAsync(IReadOnlyList<DebianTool> tools, TextWriter output, CancellationToken cancellation = default)
    {
        var missing = tools.Where(t => Find(t.Command) is null).Select(t => t.Package).Distinct().ToArray();
        if (missing.Length == 0) return;
        var packages = string.Join(' ', missing);
        output.WriteLine($"    installing {packages} through apt");
        var sudo = Environment.UserName == "root" ? null : Find("sudo");
        if (await AptAsync(sudo, ["update", "-qq"], cancellation) is { } updateError)
            output.WriteLine($"    apt-get update failed ({updateError}); trying the install with the package lists there are");
        if (await AptAsync(sudo, ["install", "-y", "-qq", "--no-install-recommends", .. missing], cancellation) is { } error)
            throw new OpsException($"could not install {packages} ({error}); install them with `apt-get install {packages}` and run again");
        foreach (var tool in tools)
        {
            if (Find(tool.Command) is null)
                throw new OpsException($"{tool.Package} was installed but `{tool.Command}` is still not found; install it by hand and run again");
        }
    }

    /// <summary>Runs apt-get; null when it succeeded, else the end of its output.</summary>
    private static async Task<string?> AptAsync(string? sudo, string[] arguments, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(sudo ?? "apt-get") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (sudo is not null) start.ArgumentList.Add("apt-get");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
            var stderr = process.StandardError.ReadToEndAsync(cancellation);
            await process.WaitForExitAsync(cancellation);
            var text = ((await stdout) + (await stderr)).Trim();
            return process.ExitCode == 0 ? null : $"exit {process.ExitCode}: {LastLine(text)}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{start.FileName}: {e.Message}";
        }
    }

    private static string LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 0 ? "no output" : lines[^1].Trim();
    }
}
