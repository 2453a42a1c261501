using System.Text.Json;

namespace Botify.Gateway.Tests;

/// <summary>The botify-compatible endpoints and the extra ones, over real HTTP, with the shapes the reference service used.</summary>
public sealed class ApiTests(CatalogGatewayFixture gateway) : IClassFixture<CatalogGatewayFixture>
{
    private HttpClient Http => gateway.Http;

    private HttpClient Admin => gateway.Admin;

    [Fact]
    public async Task Root_answers_alive_with_a_message()
    {
        var body = await (await Http.GetAsync("/")).Expect(200);
        Assert.Equal(["status", "message"], body.PropertyNames());
        Assert.Equal("alive", body.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Track_answers_artist_title_and_its_contextual_row()
    {
        var body = await (await Http.GetAsync("/track/42")).Expect(200);
        Assert.Equal(["track", "artist", "title", "recommendations"], body.PropertyNames());
        Assert.Equal(42, body.GetProperty("track").GetInt32());
        Assert.Equal("artist-4", body.GetProperty("artist").GetString());
        Assert.Equal("title-42", body.GetProperty("title").GetString());
        Assert.Equal(TestCatalogFolder.ContextualRow(42), body.GetProperty("recommendations").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task Track_without_a_contextual_row_has_empty_recommendations()
    {
        var body = await (await Http.GetAsync("/track/43")).Expect(200);
        Assert.Equal(0, body.GetProperty("recommendations").GetArrayLength());
    }

    [Fact]
    public async Task Unknown_track_is_404_naming_the_track()
    {
        var body = await (await Http.GetAsync($"/track/{TestCatalogFolder.TrackCount + 5}")).Expect(404);
        Assert.Equal("track", body.GetProperty("field").GetString());
        Assert.Contains($"{TestCatalogFolder.TrackCount + 5}", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Next_answers_the_user_and_a_catalog_track()
    {
        var user = gateway.NewUser();
        var body = await (await Http.Next(user, 7, 0.5)).Expect(200);
        Assert.Equal(["user", "track"], body.PropertyNames());
        Assert.Equal(user, body.GetProperty("user").GetInt32());
        Assert.InRange(body.GetProperty("track").GetInt32(), 0, TestCatalogFolder.TrackCount - 1);
    }

    [Fact]
    public async Task Last_answers_the_user()
    {
        var user = gateway.NewUser();
        var body = await (await Http.Last(user, 7, 0.25)).Expect(200);
        Assert.Equal(["user"], body.PropertyNames());
        Assert.Equal(user, body.GetProperty("user").GetInt32());
    }

    [Fact]
    public async Task Next_and_last_each_write_one_event_line_with_the_reference_fields()
    {
        var (user, arm) = ReferenceArms.Session()[3];
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var next = await (await Http.Next(user, 12, 0.83)).Expect(200);
        await (await Http.Last(user, 13, 0.4)).Expect(200);
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var lines = await EventLines.WaitForUser(gateway.App.LogDir, user, 2);
        Assert.Equal(2, lines.Count);
        string[] fields = ["message", "timestamp", "user", "track", "time", "latency", "recommendation", "experiments"];
        Assert.All(lines, line => Assert.Equal(fields, line.PropertyNames()));
        var (n, l) = (lines[0], lines[1]);
        Assert.Equal("next", n.GetProperty("message").GetString());
        Assert.Equal(12, n.GetProperty("track").GetInt32());
        Assert.Equal(0.83, n.GetProperty("time").GetDouble());
        Assert.Equal(next.GetProperty("track").GetInt32(), n.GetProperty("recommendation").GetInt32());
        Assert.Equal("last", l.GetProperty("message").GetString());
        Assert.Equal(13, l.GetProperty("track").GetInt32());
        Assert.Equal(0.4, l.GetProperty("time").GetDouble());
        Assert.Equal(JsonValueKind.Null, l.GetProperty("recommendation").ValueKind);
        foreach (var line in lines)
        {
            Assert.Equal(user, line.GetProperty("user").GetInt32());
            Assert.InRange(line.GetProperty("timestamp").GetInt64(), before, after);
            Assert.InRange(line.GetProperty("latency").GetDouble(), 1e-7, 5.0);
            var experiments = line.GetProperty("experiments");
            Assert.Equal(["SESSION"], experiments.PropertyNames());
            Assert.Equal(arm, experiments.GetProperty("SESSION").GetString());
        }
    }

    [Fact]
    public async Task User_view_shows_history_method_fail_count_arms_and_recommender()
    {
        var (user, arm) = ReferenceArms.Session()[5];
        await (await Http.Next(user, 30, 1.0)).Expect(200);
        await (await Http.Next(user, 31, 0.1)).Expect(200);
        var view = await (await Admin.GetAsync($"/user/{user}")).Expect(200);
        Assert.Equal(["user", "history", "method", "failCount", "experiments", "recommender"], view.PropertyNames());
        Assert.Equal(user, view.GetProperty("user").GetInt32());
        var history = view.GetProperty("history").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal([30, 31], history[^2..]);
        Assert.False(string.IsNullOrEmpty(view.GetProperty("method").GetString()));
        Assert.True(view.GetProperty("failCount").GetInt32() >= 0);
        Assert.Equal(arm, view.GetProperty("experiments").GetProperty("SESSION").GetString());
        Assert.Equal(arm == "C" ? "StickyArtist" : "Session", view.GetProperty("recommender").GetString());
    }

    [Fact]
    public async Task Arm_C_users_get_StickyArtist_and_arm_T1_users_get_Session()
    {
        var checkedArms = new HashSet<string>();
        foreach (var (user, arm) in ReferenceArms.Session().Skip(8).Take(12))
        {
            var track = 10 * (user % 20) + 3;
            var response = await Http.Next(user, track, 0.9);
            var body = await response.Expect(200);
            var expected = arm == "C" ? "StickyArtist" : "Session";
            Assert.Equal(expected, Assert.Single(response.Headers.GetValues("X-Botify-Recommender")));
            if (arm == "C")
            {
                // StickyArtist answers a track of the played track's artist.
                Assert.Equal(TestCatalogFolder.ArtistOf(track), TestCatalogFolder.ArtistOf(body.GetProperty("track").GetInt32()));
            }
            checkedArms.Add(arm);
        }
        Assert.Equal(["C", "T1"], checkedArms.Order());
    }

    [Fact]
    public async Task Health_reports_ready_with_catalog_version_and_memory_storage()
    {
        var body = await (await Admin.GetAsync("/health")).Expect(200);
        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("memory", body.GetProperty("storage").GetString());
        Assert.Equal(TestCatalogFolder.TrackCount, body.GetProperty("tracks").GetInt32());
        Assert.StartsWith("files:", body.GetProperty("catalogVersion").GetString());
        Assert.Contains("contextual", body.GetProperty("tables").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Health_reports_the_process_gc_and_memory_figures_and_they_grow_with_work()
    {
        var before = (await (await Admin.GetAsync("/health")).Expect(200)).GetProperty("process");
        Assert.Equal(3, before.GetProperty("gcCollections").GetArrayLength());
        Assert.True(before.GetProperty("workingSetBytes").GetInt64() > 0);
        Assert.True(before.GetProperty("peakWorkingSetBytes").GetInt64() >= before.GetProperty("workingSetBytes").GetInt64());
        Assert.True(before.GetProperty("uptimeSeconds").GetDouble() > 0);
        Assert.True(before.GetProperty("gcPauseMilliseconds").GetDouble() >= 0);
        for (var i = 0; i < 20; i++) await (await Http.GetAsync("/")).Expect(200);
        GC.Collect();
        var after = (await (await Admin.GetAsync("/health")).Expect(200)).GetProperty("process");
        Assert.True(after.GetProperty("allocatedBytes").GetInt64() > before.GetProperty("allocatedBytes").GetInt64());
        Assert.True(after.GetProperty("gcCollections")[0].GetInt32() > before.GetProperty("gcCollections")[0].GetInt32());
    }

    [Fact]
    public async Task OpenApi_document_describes_every_endpoint()
    {
        var body = await (await Admin.GetAsync("/openapi/v1.json")).Expect(200);
        var paths = body.GetProperty("paths").PropertyNames();
        string[] expected = ["/", "/track/{track}", "/next/{user}", "/last/{user}", "/user/{user}", "/health", "/experiments", "/experiments/{name}/view"];
        foreach (var path in expected) Assert.Contains(path, paths);
        Assert.True(body.GetProperty("paths").GetProperty("/next/{user}").GetProperty("post").TryGetProperty("requestBody", out _));
    }

    [Fact]
    public async Task Orleans_dashboard_is_served_at_dashboard()
    {
        var response = await Admin.GetAsync("/dashboard/");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/user/1")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/version")]
    [InlineData("/dashboard/DashboardCounters")]
    [InlineData("/experiments")]
    [InlineData("/experiments/SESSION")]
    [InlineData("/experiments/SESSION/view")]
    public async Task Management_paths_answer_404_json_on_the_public_listener_and_200_on_the_admin_listener(string path)
    {
        var refused = await (await Http.GetAsync(path)).Expect(404);
        Assert.Equal("path", refused.GetProperty("field").GetString());
        Assert.Equal(200, (int)(await Admin.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Management_paths_stay_404_on_the_public_listener_whatever_Host_header_the_client_sends()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/user/1");
        request.Headers.Host = $"127.0.0.1:{gateway.App.AdminPort}";
        await (await Http.SendAsync(request)).Expect(404);
    }

    [Fact]
    public async Task Public_health_says_ready_and_nothing_else_while_the_admin_health_has_the_details()
    {
        var body = await (await Http.GetAsync("/health")).Expect(200);
        Assert.Equal(["status"], body.PropertyNames());
        Assert.Equal("ready", body.GetProperty("status").GetString());
        var detailed = await (await Admin.GetAsync("/health")).Expect(200);
        Assert.Contains("storage", detailed.PropertyNames());
        Assert.Contains("process", detailed.PropertyNames());
    }

    [Fact]
    public async Task Public_api_is_served_on_the_public_listener()
    {
        var user = gateway.NewUser();
        await (await Http.Next(user, 10, 0.5)).Expect(200);
        await (await Http.Last(user, 11, 0.5)).Expect(200);
        await (await Http.GetAsync("/track/10")).Expect(200);
    }
}
