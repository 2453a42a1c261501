using Botify.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Botify.Hosting;

/// <summary>
/// Idle user grains are deactivated after <see cref="BotifyOptions.IdleDeactivation"/> (Orleans' collection age of the user grain
/// type), so a silo's memory follows the listeners of the last minutes. The silo looks for idle grains once a quantum: Orleans'
/// default minute, or a quarter of the idle time when that is shorter (Orleans requires the age to exceed the quantum). Their memory
/// goes back to the system after a large drop (<see cref="DeactivatedMemoryRelease"/>).
/// </summary>
public static class UserGrainCollection
{
    /// <param name="releaseMemoryAfter">Deactivated grains after which their memory is returned when <c>Botify:ReleaseMemoryAfter</c> is unset
    /// (<see cref="DeactivatedMemoryRelease"/>; 0 = never).</param>
    public static ISiloBuilder AddUserGrainCollection(this ISiloBuilder silo, int releaseMemoryAfter)
    {
        silo.Services.AddOptions<GrainCollectionOptions>().Configure<IOptions<BotifyOptions>>((collection, botify) =>
        {
            var idle = botify.Value.IdleDeactivation;
            collection.ClassSpecificCollectionAge[typeof(UserGrain).FullName!] = idle;
            collection.CollectionQuantum = Quantum(idle, collection.CollectionQuantum);
        });
        silo.Services.TryAddSingleton<ActivationGauge>();
        silo.Services.AddHostedService(provider => ActivatorUtilities.CreateInstance<DeactivatedMemoryRelease>(provider, releaseMemoryAfter));
        return silo;
    }

    /// <summary>How often the silo looks for idle grains: <paramref name="standard"/> (Orleans' minute), or a quarter of a shorter idle time.</summary>
    public static TimeSpan Quantum(TimeSpan idle, TimeSpan? standard = null)
    {
        var quantum = standard ?? new GrainCollectionOptions().CollectionQuantum;
        return idle / 4 < quantum ? idle / 4 : quantum;
    }
}
