using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Botify.Ops.Processes;
using Xunit.Abstractions;

namespace Botify.Ops.Tests;

/// <summary>
/// `cluster up` as a user runs it (the real command, real redis-server, silos, gateways and nginx; nginx-light is installed by the
/// command when missing), then a POST /next through nginx with no other command, then `down`. `down` runs even when a step fails,
/// and the test checks that nothing `up` started is left.
/// </summary>
public sealed class ClusterUpTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(4);

    private readonly string folder = Directory.CreateTempSubdirectory("botify-ops-cluster-").FullName;

    [Fact]
    public async Task Up_serves_next_through_nginx_status_shows_the_catalog_and_down_leaves_nothing_running()
    {
        var catalog = WriteCatalog(tracks: 200);
        var basePort = FreeBasePort();
        var dir = Path.Combine(folder, "cluster");
        string[] where = ["--dir", dir, "--base-port", basePort.ToString()];
        var pids = new List<(string Name, int Pid, string Marker)>();
        try
        {
            var (code, log) = await OpsProcess.RunAsync(UpTimeout,
                ["cluster", "up", .. where, "--silos", "2", "--gateways", "2", "--catalog", catalog, "--no-build"]);
            output.WriteLine(log);
            pids.AddRange(ReadPids(dir));
            Assert.True(code == 0, $"cluster up exited with {code}; its output is above");
            Assert.Contains("It serves: catalog version", log);
            Assert.Contains("through nginx → 200", log);
            Assert.Equal(6, pids.Count); // redis, 2 silos, 2 gateways, nginx

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var body = new StringContent("{\"track\":5,\"time\":0.8}", Encoding.UTF8, "application/json");
            using var answer = await http.PostAsync($"http://127.0.0.1:{basePort + 1}/next/7", body);
            var text = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"POST /next/7 through nginx answered {(int)answer.StatusCode}: {text}");
            using var json = JsonDocument.Parse(text);
            Assert.Equal(7, json.RootElement.GetProperty("user").GetInt32());
            Assert.InRange(json.RootElement.GetProperty("track").GetInt32(), 0, 199);

            // nginx passes on the public API only; /user, /experiments and the detailed /health are on each gateway's loopback admin listener.
            foreach (var path in new[] { "/user/7", "/dashboard/", "/openapi/v1.json", "/experiments", "/experiments/SESSION/view" })
            {
                using var refused = await http.GetAsync($"http://127.0.0.1:{basePort + 1}{path}");
                Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
                Assert.Equal("application/json", refused.Content.Headers.ContentType?.MediaType);
                Assert.Contains("GET /track/{track}", await refused.Content.ReadAsStringAsync());
            }
            using (var publicHealth = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{basePort + 1}/health")))
            {
                Assert.Equal(["status"], publicHealth.RootElement.EnumerateObject().Select(p => p.Name));
            }
            Assert.Contains("admin http://127.0.0.1:" + (basePort + 51), log);
            var user = await http.GetStringAsync($"http://127.0.0.1:{basePort + 51}/user/7");
            Assert.Contains("\"history\":[", user);
            using (var experiments = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{basePort + 52}/experiments")))
            {
                Assert.NotEmpty(experiments.RootElement.GetProperty("experiments").EnumerateArray()); // the silos' default experiments
            }

            var (statusCode, status) = await OpsProcess.RunAsync(TimeSpan.FromMinutes(1), ["cluster", "status", "--dir", dir]); // the layout up recorded
            output.WriteLine(status);
            Assert.Equal(0, statusCode);
            var version = status.Split('\n').First(l => l.StartsWith("catalog: version ", StringComparison.Ordinal)).Split(' ')[2];
            var lines = status.Split('\n');
            Assert.Equal(2, lines.Count(l =>
                l.StartsWith("gateway-", StringComparison.Ordinal) && l.Contains($"ready, catalog {version}", StringComparison.Ordinal)));
            Assert.Equal(2, lines.Count(l => l.StartsWith("silo-", StringComparison.Ordinal) && l.Contains($"catalog {version}", StringComparison.Ordinal)));
            for (var i = 1; i <= 2; i++)
            {
                Assert.Contains(lines, l => l.StartsWith($"gateway-{i}", StringComparison.Ordinal)
                    && l.Contains($"admin http://127.0.0.1:{basePort + 50 + i}", StringComparison.Ordinal));
            }

            var (againCode, again) = await OpsProcess.RunAsync(TimeSpan.FromMinutes(1), ["cluster", "up", .. where, "--no-build"]);
            Assert.Equal(1, againCode);
            Assert.Contains("is already running", again);
        }
        finally
        {
            var (downCode, down) = await OpsProcess.RunAsync(TimeSpan.FromMinutes(2), ["cluster", "down", .. where]);
            output.WriteLine(down);
            foreach (var (name, pid, marker) in pids)
            {
                if (ProcessTable.IsRunning(pid, marker)) UnixSignal.Send(pid, UnixSignal.Kill); // never leave one behind, even when down failed
            }
            Assert.Equal(0, downCode);
        }

        foreach (var (name, pid, marker) in pids) Assert.False(ProcessTable.IsRunning(pid, marker), $"{name} (pid {pid}) still runs after down");
        Assert.Empty(Directory.GetFiles(Path.Combine(dir, "pids"), "*.pid"));
    }

    [Fact]
    public async Task Up_refuses_a_base_port_whose_ports_are_taken_and_starts_nothing()
    {
        var basePort = FreeBasePort();
        using var squatter = new TcpListener(IPAddress.Loopback, basePort + 1); // nginx's port
        squatter.Start();
        var dir = Path.Combine(folder, "refused");

        var (code, log) = await OpsProcess.RunAsync(TimeSpan.FromMinutes(1),
            ["cluster", "up", "--dir", dir, "--base-port", basePort.ToString(), "--no-catalog", "--no-build"]);

        output.WriteLine(log);
        Assert.Equal(1, code);
        Assert.Contains($"port {basePort + 1} (for nginx) is in use", log);
        Assert.Contains("--base-port", log);
        Assert.False(Directory.Exists(Path.Combine(dir, "pids")) && Directory.GetFiles(Path.Combine(dir, "pids")).Length > 0);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string WriteCatalog(int tracks)
    {
        var dir = Path.Combine(folder, "catalog");
        Directory.CreateDirectory(dir);
        var lines = Enumerable.Range(0, tracks).Select(t => $"{{\"track\":{t},\"artist\":\"Artist {t % 20}\",\"title\":\"Track {t}\"}}");
        File.WriteAllLines(Path.Combine(dir, "tracks.json"), lines);
        return dir;
    }

    private static IEnumerable<(string Name, int Pid, string Marker)> ReadPids(string dir)
    {
        var pids = Path.Combine(dir, "pids");
        if (!Directory.Exists(pids)) yield break;
        foreach (var file in Directory.GetFiles(pids, "*.pid"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (name == "nginx-master") continue;
            var marker = name == "redis" ? "redis-server" : name.StartsWith("silo-") ? "Silo.dll" : name.StartsWith("gateway-") ? "Gateway.dll" : "nginx";
            yield return (name, int.Parse(File.ReadAllText(file).Trim()), marker);
        }
    }

    /// <summary>A base port B whose B..B+59 nobody listens on (the cluster uses up to B+59), away from the fixed ranges people pick.</summary>
    private static int FreeBasePort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var candidate = Random.Shared.Next(20_000, 60_000) / 100 * 100;
            if (Enumerable.Range(candidate, 60).All(p => !FreePort.InUse(p) && CanBind(p))) return candidate;
        }
        throw new InvalidOperationException("no free block of 60 ports found");
    }

    private static bool CanBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
