using Botify.TestSupport;
using Xunit.Abstractions;

namespace Botify.Experiments.Tests;

public sealed class LiveAgreementTests(RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task One_gateway_shows_the_figures_lab_ab_computes_from_its_log()
    {
        var world = LiveWorld.Create();
        await world.PublishAsync(redis.Address);
        var logDir = Directory.CreateTempSubdirectory("botify-live-log-").FullName;
        await using var app = new LiveGatewayApp(redis.Address, logDir);
        using var http = app.Http();
        using var admin = app.AdminHttp();
        await Health.WaitReadyAsync(http);

        var run = await world.RunAsync([app.BaseUri], episodes: 3_000, seed: 7);
        var errors = string.Join(", ", run.Errors.Select(e => $"{e.Key} {e.Value}"));
        output.WriteLine($"simulator: {run.Episodes} episodes, {run.Requests} requests, errors {errors}");
        Assert.Empty(run.Errors);

        var (live, log) = await LiveFigures.SettledAsync(admin, LiveGatewayApp.Experiment, logDir);
        LiveFigures.AssertAgree(log, live, output);
    }
}
