using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Botify.Sim.Listening;
using Botify.Sim.Traffic;
using Botify.Sim.World;

namespace Botify.Sim.Tests;

public sealed class TrafficTests
{
    internal static IGatewayClient Client(string kind, Uri baseUri, int concurrency, int users) => kind == "raw"
        ? new RawHttpGateway(baseUri, TimeSpan.FromSeconds(10))
        : new HttpClientGateway(baseUri, concurrency, users, TimeSpan.FromSeconds(10));

    private static async Task<(RunSummary Summary, Dictionary<int, List<string>> Requests)> RunAgainstFake(int concurrency, int episodes, Func<int,
        int, int, int?>? failure = null, string kind = "raw", bool mixFraming = false)
    {
        var world = TestWorlds.SmallWorld;
        await using var gateway = await FakeGateway.StartAsync(world.TrackCount, failure, mixFraming: mixFraming);
        using var client = Client(kind, gateway.BaseUri, concurrency, world.Listeners.Length);
        await client.ProbeAsync(CancellationToken.None);
        var summary = await new TrafficRunner(world, new ListenerModelOptions(), client).RunAsync("fake", episodes, 21, concurrency, CancellationToken.None);
        return (summary, gateway.Requests.ToDictionary(p => p.Key, p => p.Value));
    }

    [Theory]
    [InlineData("raw")]
    [InlineData("httpclient")]
    public async Task Results_are_the_same_at_concurrency_1_and_64(string kind)
    {
        // 1,500 episodes over 400 listeners: many users play several episodes, whose order matters to the fake.
        var one = await RunAgainstFake(1, 1500, kind: kind);
        var many = await RunAgainstFake(64, 1500, kind: kind);
        Assert.Equal(1500, one.Summary.Episodes);
        Assert.Equal(one.Summary.Episodes, many.Summary.Episodes);
        Assert.Equal(one.Summary.Requests, many.Summary.Requests);
        Assert.Equal(one.Summary.MeanReward, many.Summary.MeanReward, 9);
        Assert.Equal(one.Summary.MeanSteps, many.Summary.MeanSteps, 9);
        Assert.Empty(many.Summary.Errors);
        Assert.Equal(one.Requests.Keys.Order(), many.Requests.Keys.Order());
        foreach (var (user, sequence) in one.Requests)
            Assert.Equal(sequence, many.Requests[user]);
    }

    [Fact]
    public async Task Raw_client_reads_content_length_chunked_and_closing_answers_like_httpclient()
    {
        var raw = await RunAgainstFake(16, 400, kind: "raw", mixFraming: true);
        var reference = await RunAgainstFake(16, 400, kind: "httpclient", mixFraming: true);
        Assert.Empty(raw.Summary.Errors);
        Assert.Equal(400, raw.Summary.Episodes);
        foreach (var (user, sequence) in reference.Requests)
            Assert.Equal(sequence, raw.Requests[user]);
    }

    [Theory]
    [InlineData("raw")]
    [InlineData("httpclient")]
    public async Task Every_session_reports_its_tracks_and_ends_with_last(string kind)
    {
        var (summary, requests) = await RunAgainstFake(8, 200, kind: kind);
        Assert.Equal(summary.Requests, requests.Values.Sum(r => r.Count));
        Assert.Equal(200, requests.Values.Sum(r => r.Count(line => line.StartsWith("last"))));
        Assert.Equal(summary.Episodes * (summary.MeanSteps + 1), summary.Requests, 6);
        Assert.All(requests.Values, r => Assert.StartsWith("last", r[^1]));
        Assert.True(summary.LatencyP50Ms > 0);
        Assert.True(summary.LatencyP99Ms >= summary.LatencyP50Ms);
    }

    [Theory]
    [InlineData("raw")]
    [InlineData("httpclient")]
    public async Task A_non_2xx_answer_or_unknown_track_ends_that_episode_not_the_run(string kind)
    {
        // Users divisible by 5 get a 503 on their third request; users divisible by 7 (not 5) an unknown track.
        int? Failure(int user, int count, int track) => user % 5 == 0 && count == 2 ? 503 : user % 7 == 0 && count == 1 ? 0 : null;
        var (summary, _) = await RunAgainstFake(16, 800, Failure, kind);
        Assert.True(summary.Errors.GetValueOrDefault("HTTP 503") > 0);
        Assert.True(summary.Errors.GetValueOrDefault("unknown track") > 0);
        Assert.Equal(summary.Errors.Values.Sum(), summary.FailedEpisodes);
        Assert.Equal(800, summary.Episodes + summary.FailedEpisodes);
        Assert.True(summary.Episodes > 500);
    }

    [Fact]
    public async Task A_dead_gateway_is_one_clear_line_and_a_non_zero_exit()
    {
        var world = TestWorlds.TempFolder("dead");
        WorldFiles.Write(TestWorlds.SmallWorld, world);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var sim = Path.Combine(AppContext.BaseDirectory, "Sim.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", sim, "run", "--gateway", $"http://127.0.0.1:{port}", "--world", world, "--episodes", "10"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.NotEqual(0, process.ExitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains($"127.0.0.1:{port}", lines[0]);
        Assert.Contains("not reachable", lines[0]);
        Assert.DoesNotContain("   at ", stderr + stdout);
    }
}
