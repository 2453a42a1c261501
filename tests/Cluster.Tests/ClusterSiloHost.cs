using Botify.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Botify.Cluster.Tests;

/// <summary>A standalone cluster silo (Silo/Program.cs's topology) started in this process on free ports.</summary>
internal sealed class ClusterSiloHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private ClusterSiloHost(WebApplication app) => this.app = app;

    public static async Task<ClusterSiloHost> StartAsync(string redis, string clusterId)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Botify:Redis"] = redis,
            ["Botify:ClusterId"] = clusterId,
            ["Botify:ServiceId"] = clusterId,
            ["Botify:SiloPort"] = FreePort.Next().ToString(),
            ["Botify:GatewayPort"] = FreePort.Next().ToString(),
            ["Botify:DashboardPort"] = FreePort.Next().ToString(),
            ["Botify:Dashboard"] = "false",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseBotifyClusterSilo();
        var app = builder.Build();
        app.MapClusterSiloEndpoints();
        await app.StartAsync();
        return new ClusterSiloHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
