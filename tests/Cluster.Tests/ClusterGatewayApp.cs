using Botify.Gateway;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Botify.Cluster.Tests;

/// <summary>The real gateway program in cluster mode (`--cluster --redis`) on a real Kestrel port.</summary>
internal sealed class ClusterGatewayApp : WebApplicationFactory<GatewayOptions>
{
    private readonly Dictionary<string, string?> settings;

    public ClusterGatewayApp(string redis, string clusterId)
    {
        Port = FreePort.Next();
        AdminPort = FreePort.Next();
        settings = new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{Port}",
            ["Botify:AdminUrls"] = $"http://127.0.0.1:{AdminPort}",
            ["Botify:Cluster"] = "true",
            ["Botify:Redis"] = redis,
            ["Botify:ClusterId"] = clusterId,
            ["Botify:ServiceId"] = clusterId,
            ["Botify:EventLog:Directory"] = Directory.CreateTempSubdirectory("botify-cluster-gw-").FullName,
            ["Botify:EventLog:Instance"] = "cluster-test",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        UseKestrel();
        StartServer();
    }

    public int Port { get; }

    public int AdminPort { get; }

    public HttpClient Http() => new() { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The management listener (`--admin-urls`): /user, detailed /health.</summary>
    public HttpClient AdminHttp() => new() { BaseAddress = new Uri($"http://127.0.0.1:{AdminPort}"), Timeout = TimeSpan.FromSeconds(30) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }
}
