using Botify.Sim.Listening;
using Botify.Sim.Traffic;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Botify.Sim.Tests;

/// <summary>
/// How many requests/s the simulator itself sustains against a trivial local Kestrel endpoint
/// (answers a fixed-shape recommendation without parsing). Run with SIM_BENCH=1:
/// `SIM_BENCH=1 dotnet test tests/Sim.Tests -c Release --filter ThroughputBenchmark --logger "console;verbosity=detailed"`.
/// </summary>
public sealed class ThroughputBenchmark(ITestOutputHelper output)
{
    [Fact]
    public async Task Simulator_sustains_twenty_thousand_requests_per_second_against_a_trivial_endpoint()
    {
        if (Environment.GetEnvironmentVariable("SIM_BENCH") != "1")
        {
            output.WriteLine("skipped: set SIM_BENCH=1 to run the throughput benchmark");
            return;
        }
        var world = TestWorlds.SmallWorld;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        var answer = "{\"user\":1,\"track\":17}"u8.ToArray();
        app.Run(async context =>
        {
            // Drain the body so keep-alive works, then answer a constant track.
            var reader = context.Request.BodyReader;
            while (true)
            {
                var read = await reader.ReadAsync();
                reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted) break;
            }
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = answer.Length;
            await context.Response.Body.WriteAsync(answer);
        });
        await app.StartAsync();
        var baseUri = new Uri(app.Urls.First() + "/");

        var concurrency = int.TryParse(Environment.GetEnvironmentVariable("SIM_BENCH_CONCURRENCY"), out var c) ? c : 64;
        var episodes = int.TryParse(Environment.GetEnvironmentVariable("SIM_BENCH_EPISODES"), out var e) ? e : 30_000;
        var kind = Environment.GetEnvironmentVariable("SIM_BENCH_CLIENT") ?? "raw";
        using var client = TrafficTests.Client(kind, baseUri, concurrency, world.Listeners.Length);
        await client.ProbeAsync(CancellationToken.None);
        var runner = new TrafficRunner(world, new ListenerModelOptions(), client);
        await runner.RunAsync("warm-up", 2_000, 1, concurrency, CancellationToken.None);
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var summary = await runner.RunAsync("trivial", episodes, 2, concurrency, CancellationToken.None);
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        output.WriteLine($"{summary.Requests:N0} requests in {summary.ElapsedSeconds:F2} s = {summary.RequestsPerSecond:N0} requests/s at " +
            $"concurrency {concurrency} ({kind} client); " +
                         $"latency p50 {summary.LatencyP50Ms:F2} ms, p95 {summary.LatencyP95Ms:F2} ms, p99 {summary.LatencyP99Ms:F2} ms; errors " +
                             $"{summary.Errors.Count}; " +
                         $"process CPU (simulator + Kestrel) {cpu.TotalMicroseconds / summary.Requests:F1} µs per request, " +
                             $"{cpu.TotalSeconds / summary.ElapsedSeconds:F2} cores busy; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Assert.Empty(summary.Errors);
        Assert.True(summary.RequestsPerSecond >= 20_000, $"{summary.RequestsPerSecond:N0} requests/s");
    }
}
