using System.Collections.Concurrent;
using Botify.Catalogs.Redis;
using Botify.Grains;
using Botify.Grains.Catalog;
using Botify.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Botify.Cluster.Tests;

/// <summary>
/// A test silo configured as a cluster silo is (user grains on the Redis user-state storage given by
/// "TestRedis", fast dead-silo detection) that records on which silo each user's calls ran.
/// </summary>
public sealed class FailoverSiloConfigurator : ISiloConfigurator
{
    public const string RedisKey = "TestRedis";

    /// <summary>user → the silo that last ran one of its calls.</summary>
    public static readonly ConcurrentDictionary<long, SiloAddress> PlacedOn = new();

    public void Configure(ISiloBuilder silo)
    {
        silo.Services.AddSingleton<ICatalogProvider>(new CatalogHolder(ClusterCatalog.Build()));
        silo.Services.AddBotifyGrains(silo.Configuration);
        silo.AddUserGrainCollection(releaseMemoryAfter: 0);
        silo.AddUserStateStorage(RedisConnection.Create(silo.Configuration[RedisKey]!));
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = TimeSpan.FromSeconds(1);
            membership.NumMissedProbesLimit = 2;
        });
        silo.AddIncomingGrainCallFilter<PlacementRecorder>();
    }

    private sealed class PlacementRecorder(ILocalSiloDetails local) : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.Grain is UserGrain) PlacedOn[context.TargetId.GetIntegerKey()] = local.SiloAddress;
            return context.Invoke();
        }
    }
}
