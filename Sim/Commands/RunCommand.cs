using System.CommandLine;
using System.Text.Json;
using Botify.Sim.InProcess;
using Botify.Sim.Listening;
using Botify.Sim.Traffic;
using Botify.Sim.World;
using Spectre.Console;

namespace Botify.Sim.Commands;

/// <summary>
/// `sim run --gateway URL --world DIR ...` drives the gateway over HTTP;
/// `sim run --world DIR --experiment NAME --arms C=random,T1=sticky-artist --log-dir DIR ...` plays in-process.
/// </summary>
public static class RunCommand
{
    public const int DefaultConcurrency = 64;
    public const double DefaultTimeoutSeconds = 30;

    public static Command Create()
    {
        var model = new ListenerModelOptions();
        var gateway = new Option<string?>("--gateway") { Description = "Gateway base URL, e.g. http://127.0.0.1:5001 (HTTP mode)" };
        var worldDir = new Option<string>("--world")
        {
            Description = "World folder: made by `sim world`, or the course's tracks.json + tracks.npy + users.json",
            DefaultValueFactory = _ => "world",
        };
        var episodes = new Option<int>("--episodes") { Description = "Episodes (sessions) to play", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<long>("--seed") { Description = "Run seed; episode i depends only on (seed, i)", DefaultValueFactory = _ => 42 };
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "Sessions in flight at once (HTTP mode)",
            DefaultValueFactory = _ => DefaultConcurrency,
        };
        var maxSteps = new Option<int>("--max-steps")
        {
            Description = "Cap on recommendations per session",
            DefaultValueFactory = _ => model.MaxRecommendations
        };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds to wait for one answer (HTTP mode)",
            DefaultValueFactory = _ => DefaultTimeoutSeconds,
        };
        var experiment = new Option<string?>("--experiment") { Description = "In-process mode: experiment name (assignment as the service's)" };
        var arms = new Option<string>("--arms")
        {
            Description = "In-process arms, in order: C=<policy>,T1=<policy>,... (policies: random, " +
            "sticky-artist)",
            DefaultValueFactory = _ => "C=random,T1=sticky-artist"
        };
        var logDir = new Option<string>("--log-dir")
        {
            Description = "In-process mode: folder for the event log (events-sim-*.jsonl)",
            DefaultValueFactory = _ => "log"
        };
        var clientKind = new Option<string>("--client")
        {
            Description = "HTTP client: raw (lean HTTP/1.1 keep-alive, plain http) or httpclient " +
            "(System.Net.Http, https too)",
            DefaultValueFactory = _ => "raw"
        };
        var workers = new Option<int>("--workers")
        {
            Description = "In-process mode: threads playing episodes (users split by id; episode i is the same whatever the count)",
            DefaultValueFactory = _ => 1,
        };
        var output = new Option<string?>("--out") { Description = "Also write the summary as JSON to this file" };

        var command = new Command("run", "Play listening sessions against a gateway (--gateway) or in-process policies (--experiment)")
        {
            gateway, worldDir, episodes, seed, concurrency, maxSteps, timeout, clientKind, experiment, arms, logDir, workers, output,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var gatewayUrl = parse.GetValue(gateway);
            var experimentName = parse.GetValue(experiment);
            var episodeCount = parse.GetValue(episodes);
            var runSeed = parse.GetValue(seed);
            var parallel = parse.GetValue(concurrency);
            var listenerModel = model with { MaxRecommendations = parse.GetValue(maxSteps) };
            try
            {
                if (gatewayUrl is null == experimentName is null)
                    throw new ArgumentException("give either --gateway URL (drive a gateway) or --experiment NAME --arms ... (in-process), not " +
                        "both or neither");
                if (episodeCount < 0) throw new ArgumentException($"--episodes {episodeCount}: must be 0 or more");
                if (parallel < 1) throw new ArgumentException($"--concurrency {parallel}: must be at least 1");
                if (parse.GetValue(workers) < 1) throw new ArgumentException($"--workers {parse.GetValue(workers)}: must be at least 1");
                if (listenerModel.MaxRecommendations < 1) throw new ArgumentException($"--max-steps {listenerModel.MaxRecommendations}: must be at least 1");
                var armPolicies = experimentName is null ? [] : PolicyCatalog.ParseArms(parse.GetValue(arms)!);
                var world = WorldFiles.Load(parse.GetValue(worldDir)!);

                RunSummary summary;
                if (gatewayUrl is not null)
                {
                    summary = await PlayAgainstGatewayAsync(world, listenerModel, gatewayUrl, episodeCount, runSeed, parallel,
                        parse.GetValue(clientKind)!, TimeSpan.FromSeconds(parse.GetValue(timeout)), cancellation);
                }
                else
                {
                    summary = await PlayInProcessAsync(world, listenerModel, experimentName!, armPolicies, parse.GetValue(logDir), episodeCount, runSeed,
                        parse.GetValue(workers), cancellation);
                }

                SummaryPrinter.Print(summary);
                if (experimentName is not null)
                    AnsiConsole.MarkupLine($"event log in [bold]{Path.GetFullPath(parse.GetValue(logDir)!).EscapeMarkup()}[/]; " +
                        $"analyse with `lab ab` (experiment {experimentName.EscapeMarkup()})");
                if (parse.GetValue(output) is { } path)
                    await WriteSummaryAsync(summary, path, cancellation);
                // Errors are counted in the summary; only a run in which no episode finished is a failed run.
                return summary.Episodes == 0 && summary.FailedEpisodes > 0 ? 3 : 0;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                Console.Error.WriteLine("sim run: cancelled before the end; no summary");
                return 130;
            }
            catch (GatewayUnreachableException e)
            {
                Console.Error.WriteLine(e.Message);
                return 2;
            }
            catch (Exception e) when (e is ArgumentException or WorldFileException)
            {
                Console.Error.WriteLine($"sim run: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    /// <summary>
    /// The HTTP mode of `sim run`: probes the gateway, plays <paramref name="episodes"/> with a live progress bar and returns the summary.
    /// Throws <see cref="ArgumentException"/> for a bad URL or client and <see cref="GatewayUnreachableException"/> when nothing answers.
    /// </summary>
    public static async Task<RunSummary> PlayAgainstGatewayAsync(SimWorld world, ListenerModelOptions model, string gatewayUrl, int episodes, long seed,
        int concurrency = DefaultConcurrency, string clientKind = "raw", TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        var withSlash = gatewayUrl.EndsWith('/') ? gatewayUrl : gatewayUrl + "/";
        if (!Uri.TryCreate(withSlash, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"--gateway '{gatewayUrl}': not an http(s) URL; write it like http://127.0.0.1:5001");
        using var client = CreateClient(clientKind, baseUri, concurrency, world.Listeners.Length, timeout ?? TimeSpan.FromSeconds(DefaultTimeoutSeconds));
        await client.ProbeAsync(cancellation);
        var runner = new TrafficRunner(world, model, client);
        var run = runner.RunAsync(gatewayUrl, episodes, seed, concurrency, cancellation);
        await ShowProgressAsync(run, episodes, () => runner.FinishedEpisodes, () => runner.SentRequests);
        return await run;
    }

    /// <summary>
    /// The in-process mode of `sim run`: plays <paramref name="episodes"/> on <paramref name="workers"/> threads with a live progress bar, writing
    /// the gateway's event-log lines into <paramref name="logDir"/> (none when null), and returns the summary.
    /// </summary>
    public static async Task<RunSummary> PlayInProcessAsync(SimWorld world, ListenerModelOptions model, string experiment, string[] armPolicies,
        string? logDir, int episodes, long seed, int workers, CancellationToken cancellation = default)
    {
        var runner = new InProcessRunner(world, model);
        long finished = 0;
        var run = Task.Run(() => runner.Run(experiment, armPolicies, logDir, episodes, seed, n => Interlocked.Exchange(ref finished, n), workers),
            cancellation);
        await ShowProgressAsync(run, episodes, () => Interlocked.Read(ref finished), () => 0);
        return await run;
    }

    /// <summary>The summary as the JSON file `sim run --out` writes (snake_case fields).</summary>
    public static Task WriteSummaryAsync(RunSummary summary, string path, CancellationToken cancellation = default) =>
        File.WriteAllTextAsync(path, JsonSerializer.Serialize(summary, SimJsonContext.Default.RunSummary) + "\n", cancellation);

    private static IGatewayClient CreateClient(string kind, Uri baseUri, int concurrency, int users, TimeSpan timeout) => kind switch
    {
        "raw" when baseUri.Scheme == Uri.UriSchemeHttps => new HttpClientGateway(baseUri, concurrency, users, timeout),
        "raw" => new RawHttpGateway(baseUri, timeout),
        "httpclient" => new HttpClientGateway(baseUri, concurrency, users, timeout),
        _ => throw new ArgumentException($"--client '{kind}': use raw or httpclient"),
    };

    private static async Task ShowProgressAsync(Task run, int episodes, Func<long> finished, Func<long> requests)
    {
        var started = DateTime.UtcNow;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("episodes", maxValue: Math.Max(1, episodes));
                while (!run.IsCompleted)
                {
                    await Task.WhenAny(run, Task.Delay(250));
                    var seconds = (DateTime.UtcNow - started).TotalSeconds;
                    var sent = requests();
                    task.Value = finished();
                    task.Description = sent > 0 ? $"episodes {finished():N0}/{episodes:N0}, {sent / Math.Max(seconds, 1e-3):N0} req/s"
                        : $"episodes {finished():N0}/{episodes:N0}";
                }
                task.Value = finished();
            });
    }
}
