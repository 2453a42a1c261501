using Botify.Ops.Processes;
using Botify.Ops.Tools;

namespace Botify.Ops.Bench;

/// <summary>
/// What every bench scenario does around its stages: a fresh run folder under bench/.data, bench/results made, the processes it
/// started stopped at the end (on Ctrl-C too), and one exit code: 0 done, 1 a stage failed (the reason printed), 130 interrupted.
/// </summary>
internal static class BenchRun
{
    /// <summary>Runs <paramref name="stages"/> (given the process set, bench/.data and the run folder) in a fresh folder <paramref name="name"/>.</summary>
    public static async Task<int> RunAsync(RepositoryLayout repo, string name, TimeSpan stopGrace,
        Func<ProcessSet, string, string, Task> stages, CancellationToken cancellation)
    {
        var data = repo.InRoot("bench", ".data");
        var run = Path.Combine(data, name);
        if (Directory.Exists(run)) Directory.Delete(run, recursive: true);
        Directory.CreateDirectory(run);
        Directory.CreateDirectory(repo.InRoot("bench", "results"));
        await using var processes = new ProcessSet(stopGrace);
        try
        {
            await stages(processes, data, run);
            return 0;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine($"bench: interrupted; stopping what it started (service output is in {run})");
            return 130;
        }
        catch (OpsException e)
        {
            Console.Error.WriteLine($"bench: {e.Message}");
            Console.Error.WriteLine($"bench: stopped; service output is in {run}");
            return 1;
        }
    }
}
