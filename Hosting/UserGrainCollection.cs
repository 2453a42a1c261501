using Botify.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Botify.Hosting;

/// <summary>
/// Idle user grains are deactivated after <see cref="BotifyOptions.IdleDeactivation"/> (Orleans' collection age of the user grain
/// type), so a silo's memory follows the listeners of the last minutes. The silo looks for idle grains once a quantum: Orleans'
/// default minute, or a quarter of the idle time when that is shorter (Orleans requires the age to exceed the quantum).
/// </summary>
public static class UserGrainCollection
{
    public static ISiloBuilder AddUserGrainCollection(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<GrainCollectionOptions>().Configure<IOptions<BotifyOptions>>((collection, botify) =>
        {
            var idle = botify.Value.IdleDeactivation;
            collection.ClassSpecificCollectionAge[typeof(UserGrain).FullName!] = idle;
            var quarter = idle / 4;
            if (quarter < collection.CollectionQuantum) collection.CollectionQuantum = quarter;
        });
        return silo;
    }
}
