using Botify.Ops.Processes;
using Spectre.Console;

namespace Botify.Ops.Cluster;

/// <summary>
/// `cluster down`: stops exactly what `up` started, from its pid files — nginx, then the gateways (their event logs drain), then the
/// silos (each deactivates its grains), Redis last; SIGTERM, SIGKILL after the grace time. A pid that names another program now is left alone.
/// </summary>
public sealed class ClusterDown(ClusterLayout layout, IAnsiConsole console)
{
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(20);

    public async Task<int> RunAsync()
    {
        var pids = new PidFiles(layout.PidDirectory);
        var names = pids.Names().Where(n => n != "nginx-master").ToHashSet();
        if (names.Count == 0)
        {
            console.Line($"nothing to stop: no pid files in {layout.PidDirectory}");
            return 0;
        }

        console.Line($"stopping the cluster in {layout.Directory}");
        string[][] waves = [["nginx"], [.. names.Where(n => n.StartsWith("gateway-", StringComparison.Ordinal)).Order()],
            [.. names.Where(n => n.StartsWith("silo-", StringComparison.Ordinal)).Order()], ["redis"]];
        foreach (var wave in waves)
        {
            await Task.WhenAll(wave.Where(names.Contains).Select(name => StopAsync(pids, name)));
        }
        foreach (var name in names.Except(waves.SelectMany(w => w))) await StopAsync(pids, name);
        pids.Remove("nginx-master");
        return 0;
    }

    private async Task StopAsync(PidFiles pids, string name)
    {
        var pid = pids.Read(name);
        var marker = MarkerOf(name);
        var outcome = pid is { } p ? await ProcessTable.StopAsync(p, marker, Grace) : StopOutcome.NotRunning;
        pids.Remove(name);
        var line = outcome switch
        {
            StopOutcome.Stopped => $"  {name} (pid {pid}) stopped",
            StopOutcome.Killed => $"  {name} (pid {pid}) did not stop within {Grace.TotalSeconds:0} s: SIGKILL",
            _ => $"  {name} (pid {pid?.ToString() ?? "?"}) was not running",
        };
        console.Line(line);
    }

    private static string MarkerOf(string name) =>
        name == "redis" ? "redis-server"
        : name.StartsWith("silo-", StringComparison.Ordinal) ? "Silo.dll"
        : name.StartsWith("gateway-", StringComparison.Ordinal) ? "Gateway.dll"
        : "nginx";
}
