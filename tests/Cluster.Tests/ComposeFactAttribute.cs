using System.Diagnostics;

namespace Botify.Cluster.Tests;

/// <summary>A fact that needs the `docker-compose` tool (no Docker engine); skipped, saying how to install it, where it is missing.</summary>
public sealed class ComposeFactAttribute : FactAttribute
{
    public ComposeFactAttribute()
    {
        if (!ComposeTool.IsInstalled) Skip = "docker-compose is not installed: `apt-get install docker-compose` (./test.sh installs it); no Docker " +
            "engine is needed";
    }
}

/// <summary>Runs `docker-compose` and captures what it prints.</summary>
internal static class ComposeTool
{
    public static bool IsInstalled { get; } = Probe();

    public static (int ExitCode, string Output, string Error) Run(params string[] args) => Run(new Dictionary<string, string>(), args);

    public static (int ExitCode, string Output, string Error) Run(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("docker-compose") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException("docker-compose did not finish within 60 s");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    private static bool Probe()
    {
        try
        {
            return Run("version").ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
