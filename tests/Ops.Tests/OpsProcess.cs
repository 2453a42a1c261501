using System.Diagnostics;
using System.Text;
using Botify.Ops.Tools;

namespace Botify.Ops.Tests;

/// <summary>Runs the built Ops command (Ops/bin/&lt;configuration&gt;/net10.0/Ops.dll) as its own process, as the scripts do.</summary>
internal static class OpsProcess
{
    public static async Task<(int Code, string Output)> RunAsync(TimeSpan timeout, params string[] args)
    {
        var repo = RepositoryLayout.Find();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(repo.AssemblyOf("Ops"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        var output = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            lock (output) output.AppendLine($"(killed: `ops {string.Join(' ', args)}` did not finish within {timeout.TotalSeconds:0} s)");
            return (-1, output.ToString());
        }
        process.WaitForExit();
        lock (output) return (process.ExitCode, output.ToString());
    }
}
