using Botify.Lab.Publishing;
using Botify.Sim.Listening;
using Botify.Sim.Traffic;
using Botify.Sim.World;
using Spectre.Console;

namespace Botify.Experiments.Tests;

/// <summary>A small simulated world written to a folder, its catalog published to a Redis, and traffic runs against gateways.</summary>
internal sealed class LiveWorld
{
    private LiveWorld(SimWorld world, string folder)
    {
        World = world;
        Folder = folder;
    }

    public SimWorld World { get; }

    public string Folder { get; }

    public static LiveWorld Create(long seed = 5)
    {
        var world = WorldGenerator.Generate(new WorldOptions { Seed = seed, Tracks = 3_000, Artists = 300, Genres = 12, Listeners = 1_500 });
        var folder = Directory.CreateTempSubdirectory("botify-live-world-").FullName;
        WorldFiles.Write(world, folder);
        return new LiveWorld(world, folder);
    }

    /// <summary>`Lab publish` of the world's tracks.json to <paramref name="redis"/>; fails the test with what it printed otherwise.</summary>
    public async Task PublishAsync(string redis)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        var errors = new StringWriter();
        var exit = await CatalogPublishRun.RunAsync(new PublishSettings(redis, Folder), console, errors);
        Assert.True(exit == 0, $"Lab publish exited {exit}: {errors}{output}");
    }

    /// <summary>The simulator's HTTP run (the raw client, as `Sim run --gateway`), spread over <paramref name="gateways"/> request by request.</summary>
    public Task<RunSummary> RunAsync(IReadOnlyList<Uri> gateways, int episodes, long seed, int concurrency = 16, CancellationToken cancellation = default)
    {
        var client = new RoundRobinGateways(gateways.Select(g => (IGatewayClient)new RawHttpGateway(g, TimeSpan.FromSeconds(10))).ToArray());
        return RunWith(client, episodes, seed, concurrency, cancellation);
    }

    private async Task<RunSummary> RunWith(RoundRobinGateways client, int episodes, long seed, int concurrency, CancellationToken cancellation)
    {
        using (client)
        {
            await client.ProbeAsync(cancellation);
            return await new TrafficRunner(World, new ListenerModelOptions(), client).RunAsync("live-test", episodes, seed, concurrency, cancellation);
        }
    }
}
