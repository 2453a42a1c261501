using Botify.Catalogs.Redis;
using Botify.Grains.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Botify.Hosting;

/// <summary>Registers where the silo's catalog comes from: Redis (followed live) or a folder (read once).</summary>
public static class CatalogLoaderServiceCollectionExtensions
{
    /// <summary>
    /// Shares one <see cref="ICatalogProvider"/> (a <see cref="CatalogHolder"/> unless one is
    /// registered already) and keeps it on Redis' current catalog. Register before the Orleans
    /// silo so the first load completes before grains serve.
    /// </summary>
    public static IServiceCollection AddRedisCatalog(this IServiceCollection services, RedisConnection redis, Action<CatalogLoaderOptions>? configure = null)
    {
        services.TryAddSingleton<ICatalogProvider>(_ => new CatalogHolder());
        services.AddOptions<CatalogLoaderOptions>().Configure(options =>
        {
            options.Redis = redis;
            configure?.Invoke(options);
        });
        if (services.Any(d => d.ServiceType == typeof(CatalogLoader))) return services; // one loader per host, however often this is called
        services.AddSingleton<CatalogLoader>();
        services.AddHostedService(provider => provider.GetRequiredService<CatalogLoader>());
        return services;
    }

    /// <summary>Shares one <see cref="ICatalogProvider"/> and fills it from a catalog folder at start (no Redis).</summary>
    public static IServiceCollection AddFileCatalog(this IServiceCollection services, string directory)
    {
        services.TryAddSingleton<ICatalogProvider>(_ => new CatalogHolder());
        services.AddHostedService(provider => new CatalogLoaderFromFiles(
            provider.GetRequiredService<ICatalogProvider>(), directory, provider.GetRequiredService<ILogger<CatalogLoaderFromFiles>>()));
        return services;
    }
}
