using System.Collections.Concurrent;
using Botify.Catalogs.Redis;
using Botify.Grains.Catalog;
using Botify.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Botify.Grains.Tests;

/// <summary>
/// Configures a test silo as production does (AddBotifyGrains on the host configuration, the user
/// state storage: Redis when "TestRedis" is set, memory otherwise) with <see cref="TestCatalog"/> as
/// the current catalog, and records the order in which Next calls run in the user grains.
/// </summary>
public sealed class TestSiloConfigurator : ISiloConfigurator
{
    public const string RedisKey = "TestRedis";

    /// <summary>(user, track) of every Next call, in the order the grains ran them.</summary>
    public static readonly ConcurrentQueue<(long User, int Track)> NextCalls = new();

    /// <summary>(user, activation) of every call to a user grain: a new activation id means the grain was activated again.</summary>
    public static readonly ConcurrentQueue<(long User, ActivationId Activation)> UserCalls = new();

    public void Configure(ISiloBuilder silo)
    {
        silo.Services.AddSingleton<ICatalogProvider>(new CatalogHolder(TestCatalog.Snapshot));
        silo.Services.AddBotifyGrains(silo.Configuration);
        silo.AddUserGrainCollection(releaseMemoryAfter: 0);
        silo.AddUserStateStorage(silo.Configuration[RedisKey] is { Length: > 0 } redis ? RedisConnection.Create(redis) : null);
        silo.AddIncomingGrainCallFilter(async call =>
        {
            // Filters run inside the grain's turn, so this records execution order, not arrival order.
            if (call.Grain is UserGrain) UserCalls.Enqueue((call.TargetId.GetIntegerKey(), call.TargetContext.ActivationId));
            if (call.Grain is UserGrain && call.InterfaceMethod.Name == nameof(IUserGrain.Next) && call.Request.GetArgument(0) is TrackPlay play)
            {
                NextCalls.Enqueue((call.TargetId.GetIntegerKey(), play.Track));
            }
            await call.Invoke();
        });
    }
}
