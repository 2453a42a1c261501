using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Botify.Security.Tests;

/// <summary>
/// A run against a Redis that requires a password (and one with an ACL user): every process's stdout and stderr,
/// every HTTP answer on both listeners (health, errors, the dashboard's API and log trace) and every event-log file
/// are searched for the password. Each search has a positive control: the same channel shows the Redis endpoint.
/// </summary>
public sealed class SecretLeakTests(ITestOutputHelper output)
{
    private static readonly string[] DashboardApi =
        ["version", "DashboardCounters", "ClusterStats", "Reminders", "TopGrainMethods", "GrainTypes", "LifecycleStages"];
    private static readonly string[] DashboardSiloApi = ["SiloProperties", "SiloMetadata", "SiloStats", "SiloCounters", "HistoricalStats"];

    [Fact]
    public async Task The_password_appears_in_no_output_of_publish_gateway_silo_and_cluster_gateway_even_through_an_outage()
    {
        await using var redis = await SecureRedis.StartAsync();
        var catalog = TestCatalog.Write();
        var withPassword = new Dictionary<string, string?> { ["BOTIFY_REDIS"] = redis.Configuration };
        var channels = new OutputChannels();

        // Lab publish: from the environment, from the command line, and with a wrong password.
        var (code, publish) = await BotifyProcess.PublishAsync("publish (BOTIFY_REDIS)", catalog, [], withPassword);
        channels.AddProcess(publish);
        Assert.True(code == 0, $"publish failed ({code}):\n{publish.Stdout}\n{publish.Stderr}");
        (code, publish) = await BotifyProcess.PublishAsync("publish (--redis)", catalog, ["--redis", redis.Configuration]);
        channels.AddProcess(publish);
        Assert.Equal(0, code);
        var wrong = redis.Configuration.Replace(redis.Password, "wrong-" + redis.Password[3..]);
        (code, publish) = await BotifyProcess.PublishAsync("publish (wrong password)", catalog, ["--redis", wrong]);
        channels.AddProcess(publish);
        output.WriteLine($"publish with a wrong password: exit {code}: {publish.Stderr.Trim()}");
        Assert.Equal(2, code);
        Assert.Contains("authentication failed", publish.Stderr);

        // Single machine (password from BOTIFY_REDIS), and a cluster: a silo given --redis, a cluster gateway given BOTIFY_REDIS.
        var clusterId = "leak-" + Guid.NewGuid().ToString("N")[..8];
        await using var single = BotifyProcess.Gateway("gateway", ["--dashboard", "true"], withPassword);
        await using var silo = BotifyProcess.Silo("silo", clusterId, ["--redis", redis.Configuration]);
        await using var clusterGateway = BotifyProcess.Gateway("cluster-gateway",
            ["--cluster", "--Botify:ClusterId", clusterId, "--Botify:ServiceId", clusterId], withPassword);
        await single.Process.WaitForAsync(single.PublicUrl + "/health");
        await silo.Process.WaitForAsync(silo.AdminUrl + "/health");
        await clusterGateway.Process.WaitForAsync(clusterGateway.PublicUrl + "/health");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var gateway in new[] { single, clusterGateway })
        {
            await WaitForPlay(http, gateway);
            await Traffic(http, channels, gateway);
        }
        foreach (var dashboard in new[] { single.AdminUrl, silo.AdminUrl })
        {
            await Dashboard(http, channels, dashboard + "/dashboard");
        }
        var detailed = JsonDocument.Parse((await channels.RequestAsync(http, HttpMethod.Get, single.AdminUrl + "/health")).Body).RootElement;
        Assert.Equal(redis.Display, detailed.GetProperty("redis").GetString());

        // An outage: errors, 503 answers and catalog problems all name Redis.
        redis.Stop();
        foreach (var gateway in new[] { single, clusterGateway })
        {
            await channels.RequestAsync(http, HttpMethod.Post, gateway.PublicUrl + "/next/3", "{\"track\":4,\"time\":0.5}");
            await channels.RequestAsync(http, HttpMethod.Get, gateway.AdminUrl + "/user/9");
        }
        var problem = await WaitForProblem(http, channels, single.AdminUrl + "/health", "unreachable");
        output.WriteLine($"catalog problem while Redis is down: {problem}");
        Assert.Contains(redis.Display, problem);
        await redis.RestartAsync(); // back empty: "no current catalog"
        problem = await WaitForProblem(http, channels, single.AdminUrl + "/health", "no current catalog");
        output.WriteLine($"catalog problem after Redis came back empty: {problem}");
        await WaitForProblem(http, channels, silo.AdminUrl + "/health", "no current catalog");

        foreach (var process in new[] { single, clusterGateway, silo })
        {
            await process.Process.StopAsync();
            channels.AddProcess(process.Process);
        }
        channels.AddFolder("event log of gateway", single.LogDirectory!);
        channels.AddFolder("event log of cluster-gateway", clusterGateway.LogDirectory!);

        output.WriteLine($"searched {channels.Count} channels");
        Assert.True(channels.Shows("publish (BOTIFY_REDIS) stdout", redis.Display), "publish does not name Redis (the search would prove nothing)");
        Assert.True(channels.Shows("gateway stdout", $"storage in Redis at {redis.Display}"), "the gateway's start line does not name Redis");
        Assert.True(channels.Shows("silo stdout", redis.Display), "the silo's start line does not name Redis");
        Assert.True(channels.Shows("cluster-gateway stdout", redis.Display), "the cluster gateway's start line does not name Redis");
        Assert.True(channels.Shows("event log of gateway", "\"message\":\"next\""), "the event log is empty");
        var leaks = channels.Find(redis.Password);
        Assert.True(leaks.Count == 0, "the password appears in:\n" + string.Join("\n", leaks));
        var wrongLeaks = channels.Find("wrong-" + redis.Password[3..]);
        Assert.True(wrongLeaks.Count == 0, "the wrong password appears in:\n" + string.Join("\n", wrongLeaks));
    }

    [Fact]
    public async Task An_ACL_user_and_its_password_work_for_publish_and_gateway_and_the_password_is_never_shown()
    {
        await using var redis = await SecureRedis.StartAsync(user: "botify");
        var catalog = TestCatalog.Write();
        var environment = new Dictionary<string, string?> { ["BOTIFY_REDIS"] = redis.Configuration };
        var channels = new OutputChannels();
        var (code, publish) = await BotifyProcess.PublishAsync("publish", catalog, [], environment);
        channels.AddProcess(publish);
        Assert.True(code == 0, $"publish failed ({code}):\n{publish.Stdout}\n{publish.Stderr}");

        await using var gateway = BotifyProcess.Gateway("gateway", [], environment);
        await gateway.Process.WaitForAsync(gateway.PublicUrl + "/health");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await WaitForPlay(http, gateway);
        await Traffic(http, channels, gateway);
        var health = JsonDocument.Parse((await channels.RequestAsync(http, HttpMethod.Get, gateway.AdminUrl + "/health")).Body).RootElement;
        Assert.Equal("127.0.0.1:" + redis.Port + ",user=botify,password=*****", health.GetProperty("redis").GetString());
        await gateway.Process.StopAsync();
        channels.AddProcess(gateway.Process);
        channels.AddFolder("event log", gateway.LogDirectory!);

        Assert.True(channels.Shows("gateway stdout", "user=botify,password=*****"), "the gateway's start line does not name the ACL user");
        var leaks = channels.Find(redis.Password);
        Assert.True(leaks.Count == 0, "the password appears in:\n" + string.Join("\n", leaks));
    }

    // A cluster gateway serves 503 until a silo has joined; wait for the first acknowledged play.
    private static async Task WaitForPlay(HttpClient http, BotifyProcess gateway)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            using var content = new StringContent("{\"track\":1,\"time\":0.5}", System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(gateway.PublicUrl + "/next/1", content);
            if (response.StatusCode == HttpStatusCode.OK) return;
            await Task.Delay(500);
        }
        Assert.Fail($"{gateway.Process.Name} answered no play within 90 s:\n{gateway.Process.Stdout}\n{gateway.Process.Stderr}");
    }

    // The API and its error answers on the public listener, the operator's endpoints on the management one.
    private static async Task Traffic(HttpClient http, OutputChannels channels, BotifyProcess gateway)
    {
        var api = gateway.PublicUrl!;
        var admin = gateway.AdminUrl;
        for (var i = 0; i < 5; i++) await channels.RequestAsync(http, HttpMethod.Post, $"{api}/next/{i}", $"{{\"track\":{i},\"time\":0.9}}");
        await channels.RequestAsync(http, HttpMethod.Post, $"{api}/last/1", "{\"track\":7,\"time\":0.2}");
        await channels.RequestAsync(http, HttpMethod.Get, $"{api}/");
        await channels.RequestAsync(http, HttpMethod.Get, $"{api}/track/3");
        await channels.RequestAsync(http, HttpMethod.Get, $"{api}/track/100000");
        await channels.RequestAsync(http, HttpMethod.Get, $"{api}/health");
        await channels.RequestAsync(http, HttpMethod.Post, $"{api}/next/1", "{\"track\":");
        await channels.RequestAsync(http, HttpMethod.Post, $"{api}/next/x", "{\"track\":1,\"time\":0.5}");
        await channels.RequestAsync(http, HttpMethod.Post, $"{api}/next/1", "track=1", "text/plain");
        await channels.RequestAsync(http, HttpMethod.Delete, $"{api}/next/1");
        await channels.RequestAsync(http, HttpMethod.Get, $"{api}/user/1"); // 404 on the public listener
        await channels.RequestAsync(http, HttpMethod.Get, $"{api}/no/such/path");
        await channels.RequestAsync(http, HttpMethod.Get, $"{admin}/user/1");
        await channels.RequestAsync(http, HttpMethod.Get, $"{admin}/user/x");
        await channels.RequestAsync(http, HttpMethod.Get, $"{admin}/health");
        await channels.RequestAsync(http, HttpMethod.Get, $"{admin}/openapi/v1.json");
    }

    // Every read-only endpoint of the Orleans dashboard, per silo where it takes one, and a few seconds of its log trace.
    private static async Task Dashboard(HttpClient http, OutputChannels channels, string dashboard)
    {
        var (status, _) = await channels.RequestAsync(http, HttpMethod.Get, dashboard + "/");
        Assert.Equal(200, status);
        foreach (var path in DashboardApi) await channels.RequestAsync(http, HttpMethod.Get, $"{dashboard}/{path}");
        var (_, counters) = await channels.RequestAsync(http, HttpMethod.Get, $"{dashboard}/DashboardCounters");
        var silos = new HashSet<string>();
        CollectSiloAddresses(JsonDocument.Parse(counters).RootElement, silos);
        Assert.NotEmpty(silos);
        foreach (var address in silos)
        {
            foreach (var path in DashboardSiloApi) await channels.RequestAsync(http, HttpMethod.Get, $"{dashboard}/{path}/{Uri.EscapeDataString(address)}");
        }
        await channels.StreamAsync(http, dashboard + "/Trace", TimeSpan.FromSeconds(3));
    }

    private static void CollectSiloAddresses(JsonElement element, HashSet<string> addresses)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name.Equals("siloAddress", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
                {
                    addresses.Add(property.Value.GetString()!);
                }
                CollectSiloAddresses(property.Value, addresses);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) CollectSiloAddresses(item, addresses);
        }
    }

    private static async Task<string> WaitForProblem(HttpClient http, OutputChannels channels, string healthUrl, string expected)
    {
        var clock = Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var (_, body) = await channels.RequestAsync(http, HttpMethod.Get, healthUrl);
            last = JsonDocument.Parse(body).RootElement.TryGetProperty("catalogProblem", out var p) ? p.GetString() ?? "" : "";
            if (last.Contains(expected, StringComparison.Ordinal)) return last;
            await Task.Delay(500);
        }
        Assert.Fail($"{healthUrl} did not report '{expected}' within 30 s (last: '{last}')");
        return last;
    }
}
