using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Botify.Security.Tests;

/// <summary>
/// A redis-server with only a TLS port (`--port 0 --tls-port`), a password, and client certificates required
/// (`tls-auth-clients yes`), all certificates made by the test: Lab publish, the single-machine gateway, a silo and
/// a cluster gateway work over it with `ssl=true` and the CA / client certificate options, from the command line or
/// the environment; without the CA the connection is refused and says so.
/// </summary>
public sealed class RedisTlsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Publish_gateway_silo_and_cluster_gateway_work_over_a_TLS_only_Redis_with_client_certificates()
    {
        using var certificates = TestCertificates.Create("botify-test-ca", "redis", "client");
        await using var redis = await SecureRedis.StartAsync(tls: certificates, requireClientCertificates: true);
        var catalog = TestCatalog.Write();
        var tlsFlags = new[]
        {
            "--redis-ca", certificates.CaCertificate, "--redis-cert", certificates.Certificate("client"), "--redis-key", certificates.Key("client"),
        };
        var tlsEnvironment = new Dictionary<string, string?>
        {
            ["BOTIFY_REDIS"] = redis.Configuration,
            ["BOTIFY_REDIS_CA"] = certificates.CaCertificate,
            ["BOTIFY_REDIS_CERT"] = certificates.Certificate("client"),
            ["BOTIFY_REDIS_KEY"] = certificates.Key("client"),
        };
        var channels = new OutputChannels();

        var (code, publish) = await BotifyProcess.PublishAsync("publish (environment)", catalog, [], tlsEnvironment);
        channels.AddProcess(publish);
        Assert.True(code == 0, $"publish over TLS (environment) failed ({code}):\n{publish.Stdout}\n{publish.Stderr}");
        (code, publish) = await BotifyProcess.PublishAsync("publish (flags)", catalog, ["--redis", redis.Configuration, .. tlsFlags]);
        channels.AddProcess(publish);
        Assert.True(code == 0, $"publish over TLS (flags) failed ({code}):\n{publish.Stdout}\n{publish.Stderr}");
        Assert.Contains(redis.Display + " (CA ", publish.Stdout); // the console wraps the file names

        (code, publish) = await BotifyProcess.PublishAsync("publish (no CA)", catalog,
            ["--redis", redis.Configuration, "--redis-cert", certificates.Certificate("client"), "--redis-key", certificates.Key("client")]);
        channels.AddProcess(publish);
        output.WriteLine($"publish without the CA: exit {code}: {publish.Stderr.Trim()}");
        Assert.Equal(2, code);
        Assert.Contains("Nothing was published", publish.Stderr);

        (code, publish) = await BotifyProcess.PublishAsync("publish (missing CA file)", catalog,
            ["--redis", redis.Configuration, "--redis-ca", "/no/such/ca.crt"]);
        Assert.Equal(2, code);
        Assert.Contains("--redis-ca /no/such/ca.crt: no such file", publish.Stderr);

        var clusterId = "tls-redis-" + Guid.NewGuid().ToString("N")[..8];
        await using var single = BotifyProcess.Gateway("gateway", ["--redis", redis.Configuration, .. tlsFlags]);
        await using var silo = BotifyProcess.Silo("silo", clusterId, [], tlsEnvironment);
        await using var clusterGateway = BotifyProcess.Gateway("cluster-gateway",
            ["--cluster", "--Botify:ClusterId", clusterId, "--Botify:ServiceId", clusterId, "--redis", redis.Configuration, .. tlsFlags]);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var gateway in new[] { single, clusterGateway })
        {
            await gateway.Process.WaitForAsync(gateway.PublicUrl + "/health");
            await PlayUntil200(http, gateway);
            var health = JsonDocument.Parse(await http.GetStringAsync(gateway.AdminUrl + "/health")).RootElement;
            output.WriteLine(
                $"{gateway.Process.Name}: redis {health.GetProperty("redis").GetString()}, catalog {health.GetProperty("catalogVersion").GetString()}");
            Assert.StartsWith(redis.Display + " (CA ", health.GetProperty("redis").GetString());
            Assert.Equal(TestCatalog.Tracks, health.GetProperty("tracks").GetInt32());
            var user = JsonDocument.Parse(await http.GetStringAsync(gateway.AdminUrl + "/user/1")).RootElement;
            var history = user.GetProperty("history");
            Assert.Equal(4, history[history.GetArrayLength() - 1].GetInt32()); // stored in Redis over TLS and read back
        }
        await silo.Process.WaitForAsync(silo.AdminUrl + "/health");

        foreach (var process in new[] { single, clusterGateway, silo })
        {
            await process.Process.StopAsync();
            channels.AddProcess(process.Process);
        }
        var leaks = channels.Find(redis.Password);
        Assert.True(leaks.Count == 0, "the password appears in:\n" + string.Join("\n", leaks));
    }

    private static async Task PlayUntil200(HttpClient http, BotifyProcess gateway)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            using var content = new StringContent("{\"track\":4,\"time\":0.5}", System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(gateway.PublicUrl + "/next/1", content);
            if (response.StatusCode == HttpStatusCode.OK) return;
            await Task.Delay(500);
        }
        Assert.Fail($"{gateway.Process.Name} answered no play within 90 s:\n{gateway.Process.Stdout}\n{gateway.Process.Stderr}");
    }
}
