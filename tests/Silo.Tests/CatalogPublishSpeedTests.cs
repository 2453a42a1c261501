using System.Diagnostics;
using Botify.Catalogs.Redis;
using Botify.Contracts.Catalog;
using Botify.Grains.Catalog;
using Botify.Hosting;
using Botify.TestSupport;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Botify.Silo.Tests;

/// <summary>The figures: publish 50,000 tracks + 3 × 10,000 × 100 + 50,000 × 50 in under 20 s; a silo picks it up in under 5 s.</summary>
public sealed class CatalogPublishSpeedTests : IClassFixture<RedisServer>, IDisposable
{
    private readonly RedisServer server;
    private readonly ITestOutputHelper output;
    private readonly string directory = Path.Combine(Path.GetTempPath(), "botify-speed-" + Guid.NewGuid().ToString("N")[..8]);

    public CatalogPublishSpeedTests(RedisServer server, ITestOutputHelper output)
    {
        this.server = server;
        this.output = output;
    }

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Full_size_catalog_publishes_under_20_s_and_a_loader_picks_it_up_under_5_s()
    {
        var clock = Stopwatch.StartNew();
        TestCatalogs.WriteFolder(directory, tracks: 50_000, userTables: 3, users: 10_000, perUser: 100, perTrack: 50);
        var generated = clock.Elapsed;
        var holder = new CatalogHolder();
        var loader = new CatalogLoader(holder, Options.Create(new CatalogLoaderOptions
        {
            Redis = RedisConnection.Create(server.Address),
            PollInterval = TimeSpan.FromMinutes(5),
        }), new RecordingLogger<CatalogLoader>());
        await loader.StartAsync(CancellationToken.None);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.Address);

        // What `lab publish` does: read and validate the folder, write, flip, notify.
        clock.Restart();
        var catalog = CatalogFiles.Read(directory, "pending");
        var read = clock.Elapsed;
        var result = await new RedisCatalogStore(redis).PublishAsync(catalog, directory);
        var publish = clock.Elapsed;
        clock.Restart();
        while (holder.Current.Version != result.Version && clock.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(10);
        var pickup = clock.Elapsed;
        await loader.StopAsync(CancellationToken.None);

        var figures = $"catalog speed: generated files in {generated.TotalSeconds:F2} s; publish {publish.TotalSeconds:F2} s " +
            $"(read+validate {read.TotalSeconds:F2} s, write+flip {result.Elapsed.TotalSeconds:F2} s, {result.BytesWritten / 1048576.0:F1} MiB); " +
            $"loader pickup {pickup.TotalSeconds:F2} s after the flip (load+swap {loader.LastLoadTime?.TotalSeconds:F2} s)";
        output.WriteLine(figures);
        Console.WriteLine(figures);
        Assert.Equal(result.Version, holder.Current.Version);
        Assert.Equal(50_000, holder.Current.Tracks.Count);
        Assert.Equal(4, holder.Current.Tables.Count);
        Assert.True(publish < TimeSpan.FromSeconds(20), figures);
        Assert.True(pickup < TimeSpan.FromSeconds(5), figures);
    }
}
