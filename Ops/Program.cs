using System.CommandLine;
using System.Runtime.InteropServices;
using Botify.Ops.Bench;
using Botify.Ops.Cluster;
using Botify.Ops.Run;
using Spectre.Console;

// Botify's orchestration: the main job, the local cluster and the benchmark (run.sh, cluster.sh and bench.sh hand over to this).
if (Console.IsOutputRedirected && AnsiConsole.Profile.Width < 120)
{
    AnsiConsole.Profile.Width = 120; // logs and CI capture: keep one table row per line
}

var root = new RootCommand("Botify operations: the main job (run), a local cluster (cluster up|down|status|failover-check), the benchmark (bench).")
{
    MainJobCommand.Create(),
    ClusterCommand.Create(),
    BenchCommand.Create(),
};

// Ctrl-C and SIGTERM cancel the command's token; each command then stops exactly what it started before it exits.
using var interrupt = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, interrupt.Token);

void Interrupt(PosixSignalContext context)
{
    context.Cancel = true;
    interrupt.Cancel();
}
