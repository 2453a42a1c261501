using Botify.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;

namespace Botify.Gateway;

/// <summary>
/// Cluster mode (`--cluster --redis HOST:PORT`): the gateway is a thin Orleans client that finds
/// silos through Redis clustering, and follows the Redis catalog itself for /track and track checks.
/// </summary>
public static class ClusterClientExtensions
{
    /// <summary>True when the configuration asks for cluster mode (`--cluster`, `Botify:Cluster`).</summary>
    public static bool IsClusterMode(this IConfiguration configuration) =>
        (configuration.GetSection(BotifyClusterOptions.Section).Get<BotifyClusterOptions>() ?? new BotifyClusterOptions()).Cluster;

    /// <summary>Connects this host to the cluster as an Orleans client; the connection is made in the background so HTTP serves (503) meanwhile.</summary>
    public static WebApplicationBuilder UseBotifyClusterClient(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(BotifySiloOptions.Section).Get<BotifySiloOptions>() ?? new BotifySiloOptions();
        var cluster = builder.Configuration.GetSection(BotifyClusterOptions.Section).Get<BotifyClusterOptions>() ?? new BotifyClusterOptions();
        if (!options.UsesRedis)
        {
            throw new ArgumentException("--cluster needs the cluster's Redis to find silos: pass --redis HOST:PORT (or set BOTIFY_REDIS)");
        }
        var redis = options.RedisConnection()!;
        var tls = ClusterTls.Read(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(new BotifySiloInfo("cluster", redis, null));
        services.AddRedisCatalog(redis);

        var hostedBefore = HostedServices(services);
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(clustering => clustering.ConfigurationOptions = ClusterSiloExtensions.RedisOptions(redis));
            client.Configure<ClusterOptions>(ids =>
            {
                ids.ClusterId = options.ClusterId;
                ids.ServiceId = options.ServiceId;
            });
            client.Configure<Orleans.Configuration.GatewayOptions>(gateways => gateways.GatewayListRefreshPeriod = cluster.GatewayListRefresh);
            client.Configure<ClientMessagingOptions>(messaging => messaging.ResponseTimeout = options.CallTimeout);
            if (tls is not null) client.UseBotifyClusterTls(tls);
        });
        // "No gateway found" repeats every refresh while no silo is up; the retry filter says it once.
        builder.Logging.AddFilter("Orleans.Messaging.GatewayManager", LogLevel.Error);
        // Orleans starts its client inside host start and blocks it until a silo answers; connect in the background instead.
        foreach (var descriptor in HostedServices(services))
        {
            if (!hostedBefore.Contains(descriptor)) services.Remove(descriptor);
        }
        services.RemoveAll<IClientConnectionRetryFilter>();
        services.AddSingleton<IClientConnectionRetryFilter, ClusterConnectRetryFilter>();
        services.AddSingleton<ClusterClientConnector>();
        services.AddHostedService(provider => provider.GetRequiredService<ClusterClientConnector>());

        Console.WriteLine($"botify gateway: cluster mode, an Orleans client of cluster '{options.ClusterId}' (service '{options.ServiceId}') whose " +
            $"silos are listed in Redis at {redis.Display}; catalog followed from the same Redis; {ClusterTls.Describe(tls)}");
        return builder;
    }

    private static List<ServiceDescriptor> HostedServices(IServiceCollection services)
    {
        var hosted = new List<ServiceDescriptor>();
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(IHostedService)) hosted.Add(descriptor);
        }
        return hosted;
    }
}
