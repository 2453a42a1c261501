using System.Net;
using System.Text.Json;
using Botify.TestSupport;

namespace Botify.Experiments.Tests;

public sealed class ExperimentsApiTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Lists_the_configured_experiments_and_answers_an_unknown_one_with_404_naming_them()
    {
        var world = LiveWorld.Create(seed: 13);
        await world.PublishAsync(redis.Address);
        await using var app = new LiveGatewayApp(redis.Address, Directory.CreateTempSubdirectory("botify-live-api-").FullName);
        using var http = app.AdminHttp();
        await Health.WaitReadyAsync(http);

        var list = JsonDocument.Parse(await http.GetStringAsync("experiments")).RootElement;
        var experiment = Assert.Single(list.GetProperty("experiments").EnumerateArray());
        Assert.Equal(LiveGatewayApp.Experiment, experiment.GetProperty("experiment").GetString());
        Assert.Equal(["C:StickyArtist", "T1:Random", "T2:TopPop"],
            experiment.GetProperty("arms").EnumerateArray().Select(a => $"{a.GetProperty("arm")}:{a.GetProperty("recommender")}"));
        Assert.Equal("/experiments/LIVE/view", experiment.GetProperty("view").GetString());
        Assert.Equal(8, list.GetProperty("shards").GetInt32());

        // Before any closed session: the arms with zeros, rows whose figures are null (not NaN, which JSON cannot carry).
        var empty = await LiveFigures.ReadAsync(http, LiveGatewayApp.Experiment);
        Assert.All(empty.GetProperty("arms").EnumerateArray(), a => Assert.Equal(0, a.GetProperty("users").GetInt32()));
        Assert.All(empty.GetProperty("rows").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("effect").ValueKind));
        using var page = await http.GetAsync("experiments/LIVE/view");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("No closed session yet", await page.Content.ReadAsStringAsync());

        foreach (var path in new[] { "experiments/DAY9", "experiments/%3Cscript%3E/view" })
        {
            using var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var error = JsonDocument.Parse(body).RootElement;
            Assert.Contains("configured: LIVE", error.GetProperty("message").GetString());
            Assert.Equal("name", error.GetProperty("field").GetString());
        }
    }

    [Fact]
    public async Task With_live_aggregation_off_the_figures_answer_404_saying_how_to_turn_it_on()
    {
        var world = LiveWorld.Create(seed: 13);
        await world.PublishAsync(redis.Address);
        await using var app = new LiveGatewayApp(redis.Address, Directory.CreateTempSubdirectory("botify-live-off-").FullName,
            new Dictionary<string, string?> { ["Botify:LiveExperiments:Enabled"] = "false" });
        using var http = app.AdminHttp();
        await Health.WaitReadyAsync(http);
        await world.RunAsync([app.BaseUri], episodes: 50, seed: 1);

        using var response = await http.GetAsync("experiments/LIVE");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Botify:LiveExperiments:Enabled", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("experiments")]
    [InlineData("experiments/LIVE")]
    [InlineData("experiments/LIVE/view")]
    [InlineData("experiments/DAY9")]
    public async Task Are_served_on_the_management_listener_only_and_answer_404_json_on_the_public_one(string path)
    {
        var world = LiveWorld.Create(seed: 13);
        await world.PublishAsync(redis.Address);
        await using var app = new LiveGatewayApp(redis.Address, Directory.CreateTempSubdirectory("botify-live-where-").FullName);
        using var open = app.Http();
        using var admin = app.AdminHttp();
        await Health.WaitReadyAsync(open);
        await world.RunAsync([app.BaseUri], episodes: 20, seed: 1);

        // The public listener answers as for any unknown path, whatever the Host header says; nothing of the experiment is in it.
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = $"127.0.0.1:{app.AdminPort}";
        using var refused = await open.SendAsync(request);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("application/json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal("path", JsonDocument.Parse(body).RootElement.GetProperty("field").GetString());
        Assert.DoesNotContain("StickyArtist", body);
        Assert.DoesNotContain("configured", body);

        using var served = await admin.GetAsync(path);
        var expected = path == "experiments/DAY9" ? HttpStatusCode.NotFound : HttpStatusCode.OK; // an unknown experiment names the configured ones
        Assert.Equal(expected, served.StatusCode);
        Assert.Contains(path.EndsWith("/view", StringComparison.Ordinal) ? "StickyArtist" : "LIVE", await served.Content.ReadAsStringAsync());
    }
}
