using Botify.Grains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Botify.Hosting;

/// <summary>
/// The silo topology shared by the co-hosted single-machine gateway and the standalone
/// silo: clustering, user-state storage, grains, catalog loading, dashboard.
/// </summary>
public static class BotifySiloExtensions
{
    /// <summary>
    /// Co-hosts a Botify silo in this host (localhost clustering) and prints where state lives.
    /// A bad Redis setting throws <see cref="ArgumentException"/> naming it and the fix.
    /// </summary>
    public static IHostApplicationBuilder UseBotifySilo(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(BotifySiloOptions.Section).Get<BotifySiloOptions>() ?? new BotifySiloOptions();
        var catalogDirectory = string.IsNullOrWhiteSpace(options.Catalog) ? null : Path.GetFullPath(options.Catalog);
        var redis = options.RedisConnection();
        var info = new BotifySiloInfo(redis is null ? "memory" : "redis", redis, catalogDirectory);
        Console.WriteLine(info.Describe());

        builder.Services.AddSingleton(info);
        builder.Services.TryAddSingleton<ActivationGauge>();
        builder.Services.Configure<BotifySiloOptions>(builder.Configuration.GetSection(BotifySiloOptions.Section));
        builder.Services.AddBotifyGrains(builder.Configuration);
        builder.Services.AddBotifyCatalog(info); // before the silo, so the first catalog is loaded before grains serve
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            silo.Configure<SiloMessagingOptions>(messaging => messaging.ResponseTimeout = options.CallTimeout);
            silo.AddUserGrainCollection(releaseMemoryAfter: 10_000); // one silo: no peer to miss its probes during that GC
            silo.AddUserStateStorage(info.Redis);
            if (options.Dashboard && !string.IsNullOrWhiteSpace(options.AdminUrls)) silo.AddDashboard(); // shown on the management listener only
        });
        return builder;
    }

    // Redis catalogs are followed live; a folder is read once; neither leaves the catalog empty.
    private static void AddBotifyCatalog(this IServiceCollection services, BotifySiloInfo info)
    {
        if (info.Redis is not null) services.AddRedisCatalog(info.Redis);
        else if (info.CatalogDirectory is not null) services.AddFileCatalog(info.CatalogDirectory);
    }
}
