using Botify.Grains.Catalog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Botify.Grains.Tests;

/// <summary>A one-silo TestCluster configured by <see cref="TestSiloConfigurator"/> with the given settings.</summary>
public sealed class GrainCluster : IAsyncDisposable
{
    private GrainCluster(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>The silo's catalog provider, to swap catalogs under a running cluster.</summary>
    public ICatalogProvider Catalog =>
        Cluster.GetSiloServiceProvider(Cluster.Primary!.SiloAddress).GetRequiredService<ICatalogProvider>();

    public IUserGrain User(long user) => Grains.GetGrain<IUserGrain>(user);

    public static async Task<GrainCluster> StartAsync(IReadOnlyDictionary<string, string?> settings, string? serviceId = null)
    {
        var builder = new TestClusterBuilder(1);
        if (serviceId is not null) builder.Options.ServiceId = serviceId;
        builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(settings));
        builder.AddSiloBuilderConfigurator<TestSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new GrainCluster(cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
