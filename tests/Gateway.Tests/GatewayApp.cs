using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Botify.Gateway.Tests;

/// <summary>
/// The real gateway program (co-hosted silo and all) on a real Kestrel port, configured the
/// way the command line would: its own silo ports, event log folder and catalog.
/// </summary>
internal sealed class GatewayApp : WebApplicationFactory<GatewayOptions>
{
    private readonly Dictionary<string, string?> settings;
    private readonly string? environment;
    private readonly Action<IServiceCollection>? services;

    public GatewayApp(string? catalog = null, string? redis = null, string? logDir = null, string? instance = "test",
        long maxLogFileBytes = 64L * 1024 * 1024, bool dashboard = false, string callTimeout = "00:00:01.5",
        IReadOnlyDictionary<string, string?>? extra = null, bool admin = true, string? environment = null, Action<IServiceCollection>? services = null)
    {
        this.environment = environment;
        this.services = services;
        LogDir = logDir ?? Directory.CreateTempSubdirectory("botify-gw-log-").FullName;
        Port = FreePort();
        AdminPort = admin ? FreePort() : null;
        settings = new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{Port}",
            ["Botify:AdminUrls"] = AdminPort is { } adminPort ? $"http://127.0.0.1:{adminPort}" : null,
            ["Botify:SiloPort"] = FreePort().ToString(),
            ["Botify:GatewayPort"] = FreePort().ToString(),
            ["Botify:Catalog"] = catalog,
            ["Botify:Redis"] = redis,
            ["Botify:Dashboard"] = dashboard ? "true" : "false",
            ["Botify:CallTimeout"] = callTimeout,
            ["Botify:Gateway:CallTimeout"] = callTimeout,
            ["Botify:EventLog:Directory"] = LogDir,
            ["Botify:EventLog:Instance"] = instance,
            ["Botify:EventLog:MaxFileBytes"] = maxLogFileBytes.ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        UseKestrel(); // on the `urls` above, so the program adds its --admin-urls listener as it does in production
        StartServer();
    }

    public int Port { get; }

    /// <summary>The management listener's port (`--admin-urls`); null when the gateway was started without one.</summary>
    public int? AdminPort { get; }

    public string LogDir { get; }

    public EventLogWriter Events => Services.GetRequiredService<EventLogWriter>();

    /// <summary>A client of the real Kestrel endpoint (the public listener).</summary>
    public HttpClient Http() => new() { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client of the management listener (dashboard, /user, detailed /health, OpenAPI).</summary>
    public HttpClient AdminHttp() => new()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{AdminPort ?? throw new InvalidOperationException("this gateway was started without --admin-urls")}"),
        Timeout = TimeSpan.FromSeconds(30),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            if (value is not null) builder.UseSetting(key, value);
        }
        if (environment is not null) builder.UseEnvironment(environment);
        if (services is not null) builder.ConfigureTestServices(services);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
