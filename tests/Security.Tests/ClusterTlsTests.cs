using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace Botify.Security.Tests;

/// <summary>
/// Two silo processes and a cluster gateway with Orleans TLS on (certificates of a test-made authority): the silos
/// join each other and serve users placed on both; the silo port speaks TLS with the silo's certificate; a gateway
/// without TLS, or with a certificate of another authority, never reaches the cluster.
/// </summary>
public sealed class ClusterTlsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_silos_and_a_gateway_with_cluster_TLS_serve_and_plain_or_foreign_clients_are_refused()
    {
        using var cluster = TestCertificates.Create("botify-cluster-ca", "silo-a", "silo-b", "gateway");
        using var foreign = TestCertificates.Create("some-other-ca", "intruder");
        await using var redis = await SecureRedis.StartAsync();
        var environment = new Dictionary<string, string?> { ["BOTIFY_REDIS"] = redis.Configuration };
        var (code, publish) = await BotifyProcess.PublishAsync("publish", TestCatalog.Write(), [], environment);
        Assert.True(code == 0, $"publish failed ({code}):\n{publish.Stdout}\n{publish.Stderr}");

        var clusterId = "tls-" + Guid.NewGuid().ToString("N")[..8];
        string[] Tls(TestCertificates set, string name) =>
            ["--cluster-tls-cert", set.Certificate(name), "--cluster-tls-key", set.Key(name), "--cluster-tls-ca", set.CaCertificate];
        var siloA = BotifyProcess.Silo("silo-a", clusterId, Tls(cluster, "silo-a"), environment);
        var siloB = BotifyProcess.Silo("silo-b", clusterId, Tls(cluster, "silo-b"), environment);
        string[] clusterArgs = ["--cluster", "--Botify:ClusterId", clusterId, "--Botify:ServiceId", clusterId];
        var gateway = BotifyProcess.Gateway("gateway", [.. clusterArgs, .. Tls(cluster, "gateway")], environment);
        var plain = BotifyProcess.Gateway("plain-gateway", clusterArgs, environment);
        var intruder = BotifyProcess.Gateway("intruder-gateway", [.. clusterArgs, .. Tls(foreign, "intruder")], environment);
        await using var stopA = siloA;
        await using var stopB = siloB;
        await using var stopGateway = gateway;
        await using var stopPlain = plain;
        await using var stopIntruder = intruder;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await siloA.Process.WaitForAsync(siloA.AdminUrl + "/health");
        await siloB.Process.WaitForAsync(siloB.AdminUrl + "/health");
        Assert.Contains("cluster TLS on", siloA.Process.Stdout);
        Assert.Contains("cluster TLS on", gateway.Process.Stdout);

        // Both silos active members: their membership probes went silo to silo over TLS.
        var members = await WaitForActiveSilos(http, siloA.AdminUrl + "/dashboard/DashboardCounters", 2);
        output.WriteLine($"active silos seen by silo-a: {string.Join(", ", members)}");

        await gateway.Process.WaitForAsync(gateway.PublicUrl + "/health");
        var clock = Stopwatch.StartNew();
        for (var user = 0; user < 40; user++) await PlayUntil200(http, gateway, user);
        output.WriteLine($"40 users played through the TLS gateway ({clock.Elapsed.TotalSeconds:F1} s after it was ready)");
        var placed = await UserGrainsPerSilo(http, siloA.AdminUrl + "/dashboard/DashboardCounters");
        output.WriteLine($"user grains per silo: {string.Join(", ", placed.Select(p => $"{p.Key} {p.Value}"))}");
        Assert.True(placed.Count == 2 && placed.Values.All(n => n > 0), "users should be placed on both silos: " + string.Join(", ", placed));

        var handshake = await OpenSslClient(SiloPort(siloA), cluster);
        output.WriteLine($"openssl s_client to silo-a's silo port: {handshake[..Math.Min(handshake.Length, 400)]}");
        Assert.Matches("Peer certificate: CN ?= ?silo-a", handshake);
        Assert.Contains("Verification: OK", handshake);

        // Neither a plain client nor one whose certificate the cluster's authority did not sign gets in: started with the
        // TLS gateway, they still answer 503 for 10 s after it served 40 users.
        await Task.WhenAll(new[] { plain, intruder }.Select(async refused =>
        {
            await refused.Process.WaitForAsync(refused.PublicUrl + "/health");
            var watch = Stopwatch.StartNew();
            var answers = 0;
            while (watch.Elapsed < TimeSpan.FromSeconds(10))
            {
                using var content = new StringContent("{\"track\":1,\"time\":0.5}", System.Text.Encoding.UTF8, "application/json");
                using var answer = await http.PostAsync(refused.PublicUrl + "/next/1", content);
                var body = await answer.Content.ReadAsStringAsync();
                Assert.True(answer.StatusCode == HttpStatusCode.ServiceUnavailable, $"{refused.Process.Name}: {(int)answer.StatusCode} {body}");
                Assert.Contains("has not reached the cluster", body);
                answers++;
                await Task.Delay(500);
            }
            output.WriteLine($"{refused.Process.Name}: {answers} answers in 10 s, all 503 'has not reached the cluster'");
        }));
    }

    private static int SiloPort(BotifyProcess silo)
    {
        var args = silo.Process.Stdout; // "silo port N" is in the start line
        var at = args.IndexOf("silo port ", StringComparison.Ordinal);
        Assert.True(at >= 0, "the silo's start line names no silo port:\n" + args);
        var digits = new string(args[(at + "silo port ".Length)..].TakeWhile(char.IsDigit).ToArray());
        return int.Parse(digits);
    }

    private static async Task PlayUntil200(HttpClient http, BotifyProcess gateway, int user)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            using var content = new StringContent("{\"track\":2,\"time\":0.5}", System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PostAsync($"{gateway.PublicUrl}/next/{user}", content);
            if (response.StatusCode == HttpStatusCode.OK) return;
            await Task.Delay(250);
        }
        Assert.Fail($"{gateway.Process.Name} answered no play for user {user} within 90 s:\n{gateway.Process.Stdout}\n{gateway.Process.Stderr}");
    }

    private static async Task<List<string>> WaitForActiveSilos(HttpClient http, string counters, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var active = new List<string>();
        while (DateTime.UtcNow < deadline)
        {
            var body = JsonDocument.Parse(await http.GetStringAsync(counters)).RootElement;
            active = body.GetProperty("hosts").EnumerateArray()
                .Where(h => h.GetProperty("status").ToString() is "Active" or "3")
                .Select(h => h.GetProperty("siloAddress").GetString()!).ToList();
            if (active.Count >= count) return active;
            await Task.Delay(500);
        }
        Assert.Fail($"fewer than {count} active silos after 90 s: {string.Join(", ", active)}");
        return active;
    }

    private static async Task<Dictionary<string, int>> UserGrainsPerSilo(HttpClient http, string counters)
    {
        // The dashboard gathers grain statistics every few seconds.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var perSilo = new Dictionary<string, int>();
        while (DateTime.UtcNow < deadline)
        {
            var body = JsonDocument.Parse(await http.GetStringAsync(counters)).RootElement;
            perSilo.Clear();
            foreach (var stat in body.GetProperty("simpleGrainStats").EnumerateArray())
            {
                if (!stat.GetProperty("grainType").GetString()!.Contains("UserGrain", StringComparison.Ordinal)) continue;
                var silo = stat.GetProperty("siloAddress").GetString()!;
                perSilo[silo] = perSilo.GetValueOrDefault(silo) + stat.GetProperty("activationCount").GetInt32();
            }
            if (perSilo.Count == 2 && perSilo.Values.Sum() >= 40) return perSilo;
            await Task.Delay(1000);
        }
        return perSilo;
    }

    // The silo port's TLS handshake as openssl sees it (presenting a cluster certificate, as a member would).
    private static async Task<string> OpenSslClient(int port, TestCertificates cluster)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-CAfile", cluster.CaCertificate,
            "-cert", cluster.Certificate("gateway"), "-key", cluster.Key("gateway"), "-brief" })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await Task.Delay(2000);
        process.StandardInput.Close();
        if (!process.WaitForExit(10_000)) process.Kill();
        return ((await stderr) + (await stdout)).Replace('\n', ' ');
    }
}
