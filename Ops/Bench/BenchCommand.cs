using System.CommandLine;
using System.CommandLine.Parsing;
using Botify.Ops.Tools;
using Spectre.Console;

namespace Botify.Ops.Bench;

/// <summary>`ops bench` (./bench.sh): the performance benchmark.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var d = new BenchOptions();
        var warmup = new Option<int>("--warmup")
        {
            Description = "Seconds of wrk warm-up before each measured window (a fresh gateway still spends ~20 % of its CPU in the JIT after 10 s)",
            DefaultValueFactory = _ => d.WarmupSeconds,
        };
        var duration = new Option<int>("--duration") { Description = "Seconds of each measured wrk window", DefaultValueFactory = _ => d.DurationSeconds };
        var connections = new Option<int>("--connections") { Description = "wrk connections", DefaultValueFactory = _ => d.Connections };
        var threads = new Option<int>("--threads") { Description = "wrk threads", DefaultValueFactory = _ => d.Threads };
        var users = new Option<string?>("--users")
        {
            Description = "The scale scenario instead of the standard ones: distinct-user counts, e.g. 10000,100000,1000000 "
                + "(each reached with one /next per user, then measured over random users of the N)",
        };
        var idle = new Option<int>("--idle-minutes")
        {
            Description = "Scale scenario: the gateway's Botify:IdleDeactivation in minutes (longer than the fills, so rows see all users active), "
                + "then an idle row after that long with no requests; 0 = the service's default and no idle row",
            DefaultValueFactory = _ => (int)d.ScaleIdle.TotalMinutes,
        };
        var episodes = new Option<int>("--episodes") { Description = "Simulated A/B episodes", DefaultValueFactory = _ => d.Episodes };
        var seed = new Option<int>("--seed") { Description = "World and table seed", DefaultValueFactory = _ => d.Seed };
        var redis = new Option<string?>("--redis")
        {
            Description = "Use this Redis HOST:PORT instead of a throwaway redis-server (it gets a catalog published)",
        };
        var noBuild = new Option<bool>("--no-build") { Description = "Use the binaries already built (./bench.sh then skips its build)" };
        var extra = new Argument<string[]>("gateway-arguments")
        {
            Description = "After --: passed to every gateway start (e.g. -- --Botify:Dashboard=false)",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var command = new Command("bench", """
            Measures the ceiling (bare Kestrel), POST /next with StickyArtist / Session / a 50/50 experiment (real Redis write-through,
            event log on), 10,000 simulated A/B episodes over HTTP, and the service's memory; prints one table and writes bench/results/.
            With --users N[,N...]: the scale scenario instead (one gateway brought to each number of distinct users, /next measured over them).
            """)
        {
            warmup, duration, connections, threads, users, idle, episodes, seed, redis, noBuild, extra,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var options = d with
            {
                WarmupSeconds = parse.GetValue(warmup),
                DurationSeconds = parse.GetValue(duration),
                Connections = parse.GetValue(connections),
                Threads = parse.GetValue(threads),
                Episodes = parse.GetValue(episodes),
                Seed = parse.GetValue(seed),
                Redis = parse.GetValue(redis),
                NoBuild = parse.GetValue(noBuild),
                GatewayExtra = parse.GetValue(extra) ?? [],
                ScaleIdle = TimeSpan.FromMinutes(parse.GetValue(idle)),
            };
            if (options.GatewayExtra.Count > 0 && !parse.Tokens.Any(t => t.Type == TokenType.DoubleDash))
            {
                Console.Error.WriteLine($"bench: unknown option or argument '{options.GatewayExtra[0]}' (see ./bench.sh --help); "
                    + "gateway arguments go after --, e.g. ./bench.sh -- --Botify:Dashboard=false");
                return 2;
            }
            if (options.WarmupSeconds < 0 || options.Episodes < 1 || options.DurationSeconds < 1 || options.Connections < 1 || options.Threads < 1
                || options.ScaleIdle < TimeSpan.Zero)
            {
                Console.Error.WriteLine("bench: --duration, --connections, --threads and --episodes must be 1 or more, --warmup and --idle-minutes 0 or more");
                return 2;
            }
            if (parse.GetValue(users) is { } sizes)
            {
                try
                {
                    options = options with { ScaleUsers = ScaleBenchmark.ParseUsers(sizes) };
                }
                catch (FormatException e)
                {
                    Console.Error.WriteLine($"bench: {e.Message}");
                    return 2;
                }
            }
            try
            {
                return options.ScaleUsers.Count > 0
                    ? await new ScaleBenchmark(options, RepositoryLayout.Find(), AnsiConsole.Console).RunAsync(cancellation)
                    : await new Benchmark(options, RepositoryLayout.Find(), AnsiConsole.Console).RunAsync(cancellation);
            }
            catch (OpsException e)
            {
                Console.Error.WriteLine($"bench: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
