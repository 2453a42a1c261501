using System.Net;
using System.Net.Sockets;
using Botify.Gateway;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Botify.Experiments.Tests;

/// <summary>
/// The real gateway program (co-hosted silo, Redis storage) on a real Kestrel port, with experiment
/// <see cref="Experiment"/>: C = StickyArtist, T1 = Random, T2 = TopPop. The simulator plays on the public listener
/// (<see cref="BaseUri"/>); the live figures and the page are read on the management listener (<see cref="AdminUri"/>, `--admin-urls`).
/// </summary>
internal sealed class LiveGatewayApp : WebApplicationFactory<GatewayOptions>
{
    public const string Experiment = "LIVE";

    private readonly Dictionary<string, string?> settings;

    public LiveGatewayApp(string redis, string logDir, IReadOnlyDictionary<string, string?>? extra = null)
    {
        Port = FreePort();
        AdminPort = FreePort();
        LogDir = logDir;
        settings = new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{Port}",
            ["Botify:AdminUrls"] = $"http://127.0.0.1:{AdminPort}",
            ["Botify:SiloPort"] = FreePort().ToString(),
            ["Botify:GatewayPort"] = FreePort().ToString(),
            ["Botify:Redis"] = redis,
            ["Botify:ServiceId"] = "live-" + Guid.NewGuid().ToString("N")[..8],
            ["Botify:Dashboard"] = "false",
            ["Botify:EventLog:Directory"] = logDir,
            ["Botify:EventLog:Instance"] = "live-test",
            ["Botify:Experiments:0:Name"] = Experiment,
            ["Botify:Experiments:0:Arms:C"] = "StickyArtist",
            ["Botify:Experiments:0:Arms:T1"] = "Random",
            ["Botify:Experiments:0:Arms:T2"] = "TopPop",
            ["Botify:Gateway:ExperimentViewRefresh"] = "00:00:00.5",
            // These tests compare figures, not latency: on a loaded test machine a grain call can take longer than the 1.5 s default,
            // and a timed-out request is an error the agreement tests do not expect.
            ["Botify:Gateway:CallTimeout"] = "00:00:15",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        UseKestrel(); // on the `urls` above, so the program adds its --admin-urls listener as it does in production
        StartServer();
    }

    public int Port { get; }

    /// <summary>The management listener's port: `/experiments`, the page, `/user/{user}`, the detailed `/health`.</summary>
    public int AdminPort { get; }

    public string LogDir { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    public Uri AdminUri => new($"http://127.0.0.1:{AdminPort}/");

    /// <summary>A client of the public listener (the botify API and the status-only `/health`).</summary>
    public HttpClient Http() => new() { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client of the management listener (`--admin-urls`), where the live experiment endpoints are served.</summary>
    public HttpClient AdminHttp() => new() { BaseAddress = AdminUri, Timeout = TimeSpan.FromSeconds(30) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
