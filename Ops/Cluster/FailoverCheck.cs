using Botify.Contracts.EventLog;
using Botify.Lab.Publishing;
using Botify.Ops.Processes;
using Botify.Ops.Run;
using Botify.Ops.Service;
using Botify.Ops.Tools;
using Botify.Sim.Commands;
using Botify.Sim.Listening;
using Botify.Sim.World;
using Spectre.Console;

namespace Botify.Ops.Cluster;

/// <summary>
/// `cluster failover-check`: the simulator through nginx, `kill -9` of one silo mid-run, probe users every 100 ms; then every
/// acknowledged line of the event log (the lab's reader) checked against the users' state as the service answers it
/// (`GET /user/{user}`), and the failover window. The killed silo is started again at the end.
/// </summary>
public sealed class FailoverCheck(ClusterLayout layout, RepositoryLayout repo, IAnsiConsole console, ServiceClient client, FailoverCheckOptions options)
{
    private int Episodes => options.Episodes;
    private string? World => options.World;
    private TimeSpan KillAfter => options.KillAfter;
    private int ProbeUsers => options.ProbeUsers;
    private long SimulatorSeed => options.SimulatorSeed;

    public async Task<int> RunAsync(CancellationToken cancellation)
    {
        var pids = new PidFiles(layout.PidDirectory);
        foreach (var member in layout.Members())
        {
            if (pids.Running(member) is null) throw new OpsException($"{member.Name} is not running; start the cluster first: ./cluster.sh up");
        }

        var worldOptions = new WorldOptions { Seed = 42 };
        var worldDir = World is null ? WorldFolder.PathFor(repo, worldOptions) : RepositoryLayout.FromUser(World);
        WorldFolder.Ensure(worldDir, worldOptions, line => console.Line("  " + line));
        var world = WorldFiles.Load(worldDir);
        await EnsureCatalogAsync(worldDir, cancellation);

        var run = Path.Combine(layout.Directory, $"failover-{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}");
        Directory.CreateDirectory(run);
        var linesBefore = EventLogLines.Count(layout.EventLogDirectory);
        var victim = layout.Members().First(m => m.Kind == MemberKind.Silo && m.Index == (layout.Silos >= 2 ? 2 : 1));
        console.Line($"simulator: {Episodes} episodes through nginx {layout.ServiceUrl}; {victim.Name} gets kill -9 after {KillAfter.TotalSeconds:0} s");

        var simulator = RunCommand.PlayAgainstGatewayAsync(world, new ListenerModelOptions(), layout.ServiceUrl, Episodes, SimulatorSeed,
            cancellation: cancellation);
        var probes = ProbeTraffic.RunAsync(layout.ServiceUrl, 0, ProbeUsers, ProbeTraffic.FirstUser(ProbeUsers), KillAfter + TimeSpan.FromSeconds(25),
            cancellation);
        await Task.WhenAny(Task.Delay(KillAfter, cancellation), simulator);
        var victimPid = pids.Running(victim)
            ?? throw new OpsException($"{victim.Name} stopped by itself before the kill; see {layout.LogDirectory}/{victim.Name}.log");
        var killMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        UnixSignal.Send(victimPid, UnixSignal.Kill);
        console.Line($"kill -9 {victim.Name} (pid {victimPid}) at {DateTime.UtcNow:HH:mm:ss.fff} UTC");

        var summary = await simulator;
        var calls = await probes;
        SummaryPrinter.Print(summary);
        await RunCommand.WriteSummaryAsync(summary, Path.Combine(run, "summary.json"), cancellation);

        console.Line("checking the event log against the users' state (GET /user/{user} on the gateways' admin listeners) ...");
        long failed = 0;
        foreach (var count in summary.Errors.Values) failed += count;
        var expected = linesBefore + summary.Requests - failed + calls.Count(c => c.Status == 200);
        long lines = 0;
        await Readiness.WaitAsync($"the event log holding the {expected:N0} acknowledged requests", TimeSpan.FromSeconds(30),
            _ => Task.FromResult((lines = EventLogLines.Count(layout.EventLogDirectory)) >= expected), null, cancellation, () => $"{lines:N0} lines");
        var log = EventLogReader.Read(layout.EventLogDirectory);
        var acknowledged = LossReport.Acknowledged(log.Events);
        var histories = await HistoriesAsync(acknowledged.Keys, cancellation);
        var loss = LossReport.From(log.Events.Count, acknowledged, histories);
        var window = FailoverWindow.From(calls, killMs);

        var errors = summary.Errors.Count == 0 ? "none" : string.Join(", ", summary.Errors.Select(e => $"{e.Key}: {e.Value}"));
        console.Line($"  simulator: {summary.Requests} requests answered, {failed} failed ({errors})");
        console.Line($"  event log: {loss.Lines} acknowledged lines of {loss.Users} users; "
            + $"{loss.CheckedOnTail} users checked on their last {LossReport.TailChecked} plays (history keeps 100)");
        console.Line($"  in history but not acknowledged (applied, answered with an error): {loss.Extra}");
        console.Line($"  {loss.Lost} lost acknowledged updates" + (loss.Lost > 0 ? $" (users {string.Join(", ", loss.LostUsers.Take(10))})" : ""));
        console.Line($"  failover window: {window.Describe()}");

        console.Line($"restarting {victim.Name} so the cluster is whole again");
        var restarted = ChildProcess.Start(ClusterProcesses.Spec(layout, victim));
        pids.Write(victim.Name, restarted.Pid);
        await Readiness.WaitAsync($"{victim.Name} answering {victim.Url}/health", TimeSpan.FromSeconds(60),
            async c => (await client.SiloHealthAsync(victim.Url, c)).Answered, restarted, cancellation);
        console.Line($"  {victim.Name} up again (pid {restarted.Pid}); run output in {run}");
        return loss.Lost > 0 ? 1 : 0;
    }

    /// <summary>The cluster serves a catalog already (up publishes one); only an empty cluster gets the world's.</summary>
    private async Task EnsureCatalogAsync(string worldDir, CancellationToken cancellation)
    {
        var gateway = layout.Members().First(m => m.Kind == MemberKind.Gateway);
        if ((await client.GatewayHealthAsync(gateway.AdminUrl, cancellation)).Body is { IsReady: true } health)
        {
            console.Line($"the cluster serves catalog version {health.CatalogVersion} ({health.Tracks:N0} tracks)");
            return;
        }

        console.Line($"the cluster serves no catalog: publishing {worldDir} to {layout.Redis}");
        var outcome = await CatalogPublishRun.PublishAsync(new PublishSettings(layout.Redis, worldDir), console, Console.Error, cancellation);
        if (outcome.ExitCode != 0 || outcome.Version is not { } version) throw new OpsException($"publishing {worldDir} failed (the reason is above)");
        foreach (var member in layout.Members().Where(m => m.Kind == MemberKind.Gateway))
        {
            await Readiness.WaitAsync($"{member.Name} serving catalog version {version}", TimeSpan.FromSeconds(30),
                async c => (await client.GatewayHealthAsync(member.AdminUrl, c)).Body?.CatalogVersion == version, null, cancellation);
        }
    }

    private async Task<Dictionary<long, int[]>> HistoriesAsync(IEnumerable<long> users, CancellationToken cancellation)
    {
        // `/user` is on the gateways' management listeners (nginx serves only the public API); a retry goes to the next gateway.
        var admins = layout.Members().Where(m => m.Kind == MemberKind.Gateway).Select(m => m.AdminUrl).ToArray();
        var histories = new Dictionary<long, int[]>();
        var unreadable = new List<string>();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellation }, async (user, c) =>
        {
            var answer = await client.UserAsync(admins[user % admins.Length], user, c);
            if (answer.Body is null) answer = await client.UserAsync(admins[(user + 1) % admins.Length], user, c); // one retry, as a client would
            lock (histories)
            {
                if (answer.Body is { } body) histories[user] = body.History;
                else unreadable.Add($"{user} (HTTP {answer.StatusCode}: {answer.Problem})");
            }
        });
        if (unreadable.Count > 0)
            throw new OpsException($"the state of {unreadable.Count} users could not be read through {string.Join(" or ", admins)} /user/{{user}}: "
                + $"{string.Join(", ", unreadable.Take(5))}; see {layout.LogDirectory}");
        return histories;
    }
}
