using System.Net;
using Botify.Catalogs.Redis;
using Botify.Grains;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using StackExchange.Redis;

namespace Botify.Hosting;

/// <summary>
/// A standalone silo of the cluster: Redis membership, Redis user state, Redis catalogs
/// followed live, and the dashboard on its own HTTP port.
/// </summary>
public static class ClusterSiloExtensions
{
    /// <summary>Configures this host as one silo of the Botify cluster and prints its start line.</summary>
    public static WebApplicationBuilder UseBotifyClusterSilo(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(BotifySiloOptions.Section).Get<BotifySiloOptions>() ?? new BotifySiloOptions();
        var cluster = builder.Configuration.GetSection(BotifyClusterOptions.Section).Get<BotifyClusterOptions>() ?? new BotifyClusterOptions();
        if (!options.UsesRedis)
        {
            throw new ArgumentException("a cluster silo needs Redis for membership, user state and catalogs: pass --redis HOST:PORT (or set BOTIFY_REDIS)");
        }
        var redis = options.RedisConnection()!;
        var advertised = ClusterAddress.Advertised(redis.Host, cluster.AdvertisedAddress);
        var listen = ClusterAddress.Listen(advertised);
        // The silo's HTTP port is all management (dashboard, detailed health): loopback unless --admin-urls says otherwise.
        var admin = ManagementUrls.Parse(string.IsNullOrWhiteSpace(options.AdminUrls) ? $"http://127.0.0.1:{cluster.DashboardPort}" : options.AdminUrls)!;
        builder.WebHost.UseUrls(admin.Urls);
        var tls = ClusterTls.Read(builder.Configuration);

        var info = new BotifySiloInfo("redis", redis, null);
        builder.Services.AddSingleton(info);
        builder.Services.Configure<BotifySiloOptions>(builder.Configuration.GetSection(BotifySiloOptions.Section));
        builder.Services.AddBotifyGrains(builder.Configuration);
        builder.Services.AddRedisCatalog(redis); // before the silo, so the first catalog is loaded before grains serve
        builder.UseOrleans(silo =>
        {
            silo.UseRedisClustering(clustering => clustering.ConfigurationOptions = RedisOptions(redis));
            silo.Configure<ClusterOptions>(ids =>
            {
                ids.ClusterId = options.ClusterId;
                ids.ServiceId = options.ServiceId;
            });
            silo.Configure<EndpointOptions>(endpoints =>
            {
                endpoints.AdvertisedIPAddress = advertised ?? endpoints.AdvertisedIPAddress;
                endpoints.SiloPort = options.SiloPort;
                endpoints.GatewayPort = options.GatewayPort;
                endpoints.SiloListeningEndpoint = new IPEndPoint(listen, options.SiloPort);
                endpoints.GatewayListeningEndpoint = new IPEndPoint(listen, options.GatewayPort);
            });
            silo.Configure<ClusterMembershipOptions>(membership =>
            {
                // A killed silo is declared dead within seconds, so its users re-activate elsewhere quickly.
                membership.ProbeTimeout = cluster.ProbeTimeout;
                membership.NumMissedProbesLimit = cluster.MissedProbesLimit;
            });
            silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = options.CallTimeout);
            silo.AddUserGrainCollection(releaseMemoryAfter: 0); // its peers would count the full GC's stall as missed probes
            silo.AddUserStateStorage(redis);
            if (options.Dashboard) silo.AddDashboard();
            if (tls is not null) silo.UseBotifyClusterTls(tls);
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));

        Console.WriteLine($"botify silo: cluster '{options.ClusterId}' (service '{options.ServiceId}'), membership, user state and catalogs in " +
            $"Redis at {redis.Display}; "
            + $"advertises {advertised?.ToString() ?? "this host's address"}, silo port {options.SiloPort}, gateway port {options.GatewayPort}, "
            + $"{ClusterTls.Describe(tls)}; admin (" + (options.Dashboard ? "dashboard, " : "dashboard off, ") + $"detailed /health) on {admin.Urls}"
            + (admin.LoopbackOnly ? "" : " — not loopback: put it behind a firewall"));
        return builder;
    }

    /// <summary>The dashboard (when on) and `GET /health` of a standalone silo.</summary>
    public static WebApplication MapClusterSiloEndpoints(this WebApplication app)
    {
        var options = app.Configuration.GetSection(BotifySiloOptions.Section).Get<BotifySiloOptions>() ?? new BotifySiloOptions();
        if (options.Dashboard) app.MapOrleansDashboard(routePrefix: "/dashboard");
        app.MapGet("/health", ClusterSiloHealth.Answer);
        return app;
    }

    /// <summary>StackExchange.Redis options (credentials, TLS) that keep retrying a Redis that is down at start or restarts.</summary>
    public static ConfigurationOptions RedisOptions(RedisConnection redis)
    {
        var config = redis.Options();
        config.AbortOnConnectFail = false;
        return config;
    }
}
