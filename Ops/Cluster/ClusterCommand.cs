using System.CommandLine;
using Botify.Ops.Service;
using Botify.Ops.Tools;
using Spectre.Console;

namespace Botify.Ops.Cluster;

/// <summary>`ops cluster up|down|status|failover-check` (./cluster.sh): Redis, N silos, M gateways and nginx on loopback.</summary>
public static class ClusterCommand
{
    public static Command Create()
    {
        var command = new Command("cluster", """
            The Botify cluster on this machine: a throwaway Redis, N silos, M gateways (Orleans clients) and nginx in front, all on
            loopback with their own ports, logs and pid files under one folder. Ports from the base port B: Redis B, nginx B+1,
            gateways B+11.., silo ports B+21.., silo gateway ports B+31.., dashboards and /health B+41..
            """);

        var up = new Command("up", "Start Redis, the silos, the gateways and nginx; publish a catalog and wait until every silo and gateway serves it");
        var catalog = new Option<string?>("--catalog") { Description = "Catalog folder to publish (default: the world data/world-42, generated when missing)" };
        var noCatalog = new Option<bool>("--no-catalog") { Description = "Publish nothing: an empty cluster (/next answers 503 until a catalog is published)" };
        up.Options.Add(catalog);
        up.Options.Add(noCatalog);
        var upShared = Shared.AddTo(up);
        up.SetAction((parse, cancellation) => Run("up", async (layout, repo, client) =>
        {
            if (parse.GetValue(catalog) is not null && parse.GetValue(noCatalog))
                throw new OpsException("--catalog DIR and --no-catalog exclude each other; pass one");
            return await new ClusterUp(layout, repo, AnsiConsole.Console, client)
            {
                NoBuild = parse.GetValue(upShared.NoBuild),
                Catalog = parse.GetValue(catalog) is { } dir ? RepositoryLayout.FromUser(dir) : null,
                NoCatalog = parse.GetValue(noCatalog),
            }.RunAsync(cancellation);
        }, parse, upShared, useRecorded: false));

        var down = new Command("down", "Stop exactly what up started (SIGTERM: graceful, then SIGKILL after 20 s)");
        var downShared = Shared.AddTo(down);
        down.SetAction((parse, _) => Run("down", (layout, _, _) => new ClusterDown(layout, AnsiConsole.Console).RunAsync(), parse, downShared));

        var status = new Command("status", "The catalog version and, per process, pid, state, port and health (exit 3 when one is not running)");
        var statusShared = Shared.AddTo(status);
        status.SetAction((parse, cancellation) =>
            Run("status", (layout, _, client) => new ClusterStatus(layout, AnsiConsole.Console, client).RunAsync(cancellation), parse, statusShared));

        var failover = new Command("failover-check", """
            With the cluster up: run the simulator through nginx, kill -9 one silo mid-run, and check the event log against the users'
            state (prints failed requests, lost acknowledged updates, the failover window); exit 1 when an acknowledged update was lost
            """);
        var defaults = new FailoverCheckOptions();
        var episodes = new Option<int>("--episodes") { Description = "Simulator episodes", DefaultValueFactory = _ => defaults.Episodes };
        var world = new Option<string?>("--world") { Description = "World folder of the simulator (default data/world-42)" };
        var killAfter = new Option<double>("--kill-after")
        {
            Description = "Seconds into the run before the kill",
            DefaultValueFactory = _ => defaults.KillAfter.TotalSeconds,
        };
        failover.Options.Add(episodes);
        failover.Options.Add(world);
        failover.Options.Add(killAfter);
        var failoverShared = Shared.AddTo(failover);
        failover.SetAction((parse, cancellation) => Run("failover-check", (layout, repo, client) =>
        {
            if (parse.GetValue(episodes) < 1 || !(parse.GetValue(killAfter) >= 0))
                throw new OpsException("--episodes must be 1 or more and --kill-after 0 or more seconds");
            var options = defaults with
            {
                Episodes = parse.GetValue(episodes),
                World = parse.GetValue(world),
                KillAfter = TimeSpan.FromSeconds(parse.GetValue(killAfter)),
            };
            return new FailoverCheck(layout, repo, AnsiConsole.Console, client, options).RunAsync(cancellation);
        }, parse, failoverShared));

        command.Subcommands.Add(up);
        command.Subcommands.Add(down);
        command.Subcommands.Add(status);
        command.Subcommands.Add(failover);
        return command;
    }

    private static async Task<int> Run(string verb, Func<ClusterLayout, RepositoryLayout, ServiceClient, Task<int>> action, ParseResult parse, Shared shared,
        bool useRecorded = true)
    {
        try
        {
            var repo = RepositoryLayout.Find();
            var directory = RepositoryLayout.FromUser(parse.GetValue(shared.Directory) ?? repo.InRoot(".cluster"));
            var layout = ClusterLayout.Resolve(directory, parse.GetValue(shared.BasePort), parse.GetValue(shared.Silos), parse.GetValue(shared.Gateways),
                useRecorded);
            using var client = new ServiceClient();
            return await action(layout, repo, client);
        }
        catch (OpsException e)
        {
            Console.Error.WriteLine($"cluster {verb}: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"cluster {verb}: interrupted");
            return 130;
        }
    }

    /// <summary>The options every verb takes.</summary>
    private sealed record Shared(Option<string?> Directory, Option<int?> BasePort, Option<int?> Silos, Option<int?> Gateways, Option<bool> NoBuild)
    {
        public static Shared AddTo(Command command)
        {
            var shared = new Shared(
                new Option<string?>("--dir") { Description = "Folder for binaries, logs, pid files, event logs (default .cluster)" },
                new Option<int?>("--base-port")
                {
                    Description = $"Base port B (default {ClusterLayout.DefaultBasePort}; "
                        + $"down, status and failover-check: what up recorded in DIR/{ClusterLayout.LayoutFile})",
                },
                new Option<int?>("--silos") { Description = $"Silos (default {ClusterLayout.DefaultSilos}, or what up recorded)" },
                new Option<int?>("--gateways") { Description = $"Gateways (default {ClusterLayout.DefaultGateways}, or what up recorded)" },
                new Option<bool>("--no-build") { Description = "up: run the binaries already in DIR/bin (./cluster.sh then skips its build)" });
            command.Options.Add(shared.Directory);
            command.Options.Add(shared.BasePort);
            command.Options.Add(shared.Silos);
            command.Options.Add(shared.Gateways);
            command.Options.Add(shared.NoBuild);
            return shared;
        }
    }
}
