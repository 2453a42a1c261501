using Botify.Ops.Processes;
using Botify.Ops.Tools;

namespace Botify.Ops.Bench;

/// <summary>One wrk window of bench/next.lua (POST /next, random users out of N, random tracks) against a URL; its BENCH line parsed.</summary>
public sealed class WrkRunner(ProcessSet processes, RepositoryLayout repo, BenchOptions options, string runFolder)
{
    public async Task<WrkResult> RunAsync(string output, string url, int seconds, string trackList, long users, CancellationToken cancellation)
    {
        var log = Path.Combine(runFolder, output);
        string[] args =
        [
            $"-t{options.Threads}", $"-c{options.Connections}", $"-d{seconds}s", "--timeout", $"{options.WrkTimeout.TotalSeconds:0}s",
            "-s", repo.InRoot("bench", "next.lua"), url, "--", trackList, users.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];
        var wrk = processes.Start(new ProcessSpec("wrk", DebianTools.Find("wrk") ?? "wrk", args, log, "wrk"));
        await wrk.WaitForExitAsync(cancellation);
        await processes.StopAsync(wrk);
        var text = await File.ReadAllTextAsync(log, cancellation);
        try
        {
            return WrkResult.Parse(text);
        }
        catch (FormatException e)
        {
            throw new OpsException($"wrk against {url} (exit {wrk.ExitCode}): {e.Message}");
        }
    }
}
