using Botify.Grains.Catalog;
using Botify.Grains.Experiments;
using Botify.Grains.Recommenders;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Botify.Grains;

/// <summary>Registers what <see cref="UserGrain"/> needs in a silo's services.</summary>
public static class GrainServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="BotifyOptions"/> from the "Botify" section (validated at start), and adds the
    /// recommender registry, the experiment assigner, the listener-state rules and an empty <see cref="CatalogHolder"/> as the
    /// <see cref="ICatalogProvider"/> unless the host registered its own. The grain storage is separate
    /// (Silo's AddUserStateStorage).
    /// </summary>
    public static IServiceCollection AddBotifyGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotifyOptions>()
            .Bind(configuration.GetSection(BotifyOptions.SectionName))
            .PostConfigure(options =>
            {
                // Lists bind by appending, so the default experiment is filled in only when none is configured.
                if (options.Experiments.Count == 0) options.Experiments = BotifyOptions.DefaultExperiments();
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BotifyOptions>, BotifyOptionsValidator>());
        services.TryAddSingleton<RecommenderRegistry>();
        services.TryAddSingleton<ExperimentAssigner>();
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<BotifyOptions>>().Value.CreateStateRules());
        services.TryAddSingleton<IUserStateStore, GrainStorageUserStateStore>();
        services.TryAddSingleton<ICatalogProvider>(_ => new CatalogHolder());
        return services;
    }
}
