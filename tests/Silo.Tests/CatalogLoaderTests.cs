using System.Diagnostics;
using Botify.Catalogs.Redis;
using Botify.Grains.Catalog;
using Botify.Hosting;
using Botify.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Botify.Silo.Tests;

public sealed class CatalogLoaderTests : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly RedisServer server;
    private readonly string prefix = "test:" + Guid.NewGuid().ToString("N")[..8];
    private ConnectionMultiplexer redis = null!;

    public CatalogLoaderTests(RedisServer server) => this.server = server;

    public async Task InitializeAsync() => redis = await ConnectionMultiplexer.ConnectAsync(server.Address);

    public async Task DisposeAsync() => await redis.DisposeAsync();

    [Fact]
    public async Task Host_started_after_a_publish_serves_the_current_version()
    {
        var published = await Store(redis).PublishAsync(TestCatalogs.Build(7), "unit test");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddRedisCatalog(RedisConnection.Create(server.Address), options => options.Store.KeyPrefix = prefix);
        using var host = builder.Build();

        await host.StartAsync();
        var current = host.Services.GetRequiredService<ICatalogProvider>().Current;
        await host.StopAsync();

        Assert.Equal(published.Version, current.Version);
        Assert.Equal(7, TestCatalogs.GenerationOf(current));
    }

    [Fact]
    public async Task Loader_without_a_published_catalog_keeps_running_and_says_how_to_publish()
    {
        var holder = new CatalogHolder();
        var logger = new RecordingLogger<CatalogLoader>();
        var loader = Loader(holder, server.Address, logger, poll: TimeSpan.FromMilliseconds(100));

        await loader.StartAsync(CancellationToken.None);
        await Task.Delay(500);
        var published = await Store(redis).PublishAsync(TestCatalogs.Build(1), "unit test");
        await WaitFor(() => holder.Current.Version == published.Version, TimeSpan.FromSeconds(5));
        await loader.StopAsync(CancellationToken.None);

        Assert.Equal(1, logger.Count(LogLevel.Warning, "no catalog published yet: run `dotnet run --project Lab -c Release -- publish --redis"));
        Assert.Null(loader.Problem);
    }

    [Fact]
    public async Task Loader_hot_swaps_on_publish_while_readers_always_see_one_complete_snapshot()
    {
        var store = Store(redis);
        await store.PublishAsync(TestCatalogs.Build(1), "unit test");
        var holder = new CatalogHolder();
        // A long poll interval: only the pub/sub notification can make the swap this fast.
        var loader = Loader(holder, server.Address, new RecordingLogger<CatalogLoader>(), poll: TimeSpan.FromMinutes(5));
        await loader.StartAsync(CancellationToken.None);
        Assert.Equal(1, TestCatalogs.GenerationOf(holder.Current));

        using var stop = new CancellationTokenSource();
        var seen = new HashSet<int>[2];
        var readers = new Task<long>[2];
        for (var r = 0; r < readers.Length; r++)
        {
            var mine = seen[r] = [];
            readers[r] = Task.Factory.StartNew(() =>
            {
                long reads = 0;
                while (!stop.IsCancellationRequested)
                {
                    mine.Add(TestCatalogs.GenerationOf(holder.Current)); // throws on a mixed snapshot
                    reads++;
                }
                return reads;
            }, TaskCreationOptions.LongRunning);
        }
        var swaps = new List<double>();
        for (var generation = 2; generation <= 3; generation++)
        {
            var published = await store.PublishAsync(TestCatalogs.Build(generation), "unit test");
            var clock = Stopwatch.StartNew();
            await WaitFor(() => holder.Current.Version == published.Version, TimeSpan.FromSeconds(5));
            swaps.Add(clock.Elapsed.TotalSeconds);
        }
        await Task.Delay(100);
        stop.Cancel();
        var reads = await Task.WhenAll(readers);
        await loader.StopAsync(CancellationToken.None);

        Assert.All(reads, count => Assert.True(count > 1000, $"only {count} reads"));
        Assert.Equal(3, TestCatalogs.GenerationOf(holder.Current));
        Assert.Contains(3, seen[0]);
        Assert.All(swaps, seconds => Assert.True(seconds < 5, $"swap took {seconds:F2} s"));
    }

    [Fact]
    public async Task Loader_follows_a_current_change_without_notification_by_polling()
    {
        var store = Store(redis);
        var first = await store.PublishAsync(TestCatalogs.Build(1, tracks: 300, users: 10), "unit test");
        await store.PublishAsync(TestCatalogs.Build(2, tracks: 300, users: 10), "unit test");
        var holder = new CatalogHolder();
        var loader = Loader(holder, server.Address, new RecordingLogger<CatalogLoader>(), poll: TimeSpan.FromMilliseconds(200));
        await loader.StartAsync(CancellationToken.None);
        Assert.Equal(2, TestCatalogs.GenerationOf(holder.Current));

        await redis.GetDatabase().StringSetAsync(prefix + ":current", first.Version); // a flip whose notification was lost
        await WaitFor(() => holder.Current.Version == first.Version, TimeSpan.FromSeconds(5));
        await loader.StopAsync(CancellationToken.None);

        Assert.Equal(1, TestCatalogs.GenerationOf(holder.Current));
    }

    [Fact]
    public async Task Redis_restarted_empty_leaves_the_snapshot_serving_and_the_loss_reported_once()
    {
        using var own = new RedisServer();
        await own.InitializeAsync();
        await using (var publisher = await ConnectionMultiplexer.ConnectAsync(own.Address))
        {
            await Store(publisher).PublishAsync(TestCatalogs.Build(5), "unit test");
        }
        var holder = new CatalogHolder();
        var logger = new RecordingLogger<CatalogLoader>();
        var loader = Loader(holder, own.Address, logger, poll: TimeSpan.FromMilliseconds(100));
        await loader.StartAsync(CancellationToken.None);
        var loaded = holder.Current;

        own.Stop();
        await own.StartAsync(); // back, with no data
        await WaitFor(() => logger.Count(LogLevel.Warning, "has no current catalog") > 0, TimeSpan.FromSeconds(15));
        await Task.Delay(1000); // ten more polls
        var problem = loader.Problem;
        await using (var publisher = await ConnectionMultiplexer.ConnectAsync(own.Address))
        {
            var republished = await Store(publisher).PublishAsync(TestCatalogs.Build(6), "unit test");
            await WaitFor(() => holder.Current.Version == republished.Version, TimeSpan.FromSeconds(5));
        }
        await loader.StopAsync(CancellationToken.None);

        Assert.Equal(1, logger.Count(LogLevel.Warning, "has no current catalog"));
        Assert.True(logger.Count(LogLevel.Warning, "unreachable") <= 1, "an outage is reported once, not on every poll");
        Assert.Contains($"still serving version {loaded.Version} from memory", problem);
        Assert.Equal(6, TestCatalogs.GenerationOf(holder.Current));
        Assert.Null(loader.Problem);
    }

    [Fact]
    public async Task Loader_started_while_redis_is_down_starts_promptly_and_loads_once_redis_is_back()
    {
        using var own = new RedisServer(); // port reserved, nothing listening yet
        var holder = new CatalogHolder();
        var logger = new RecordingLogger<CatalogLoader>();
        var loader = Loader(holder, own.Address, logger, poll: TimeSpan.FromMilliseconds(200));

        var clock = Stopwatch.StartNew();
        await loader.StartAsync(CancellationToken.None);
        var started = clock.Elapsed;
        var problem = loader.Problem;
        await own.StartAsync();
        await using (var publisher = await ConnectionMultiplexer.ConnectAsync(own.Address))
        {
            var published = await Store(publisher).PublishAsync(TestCatalogs.Build(3), "unit test");
            await WaitFor(() => holder.Current.Version == published.Version, TimeSpan.FromSeconds(20));
        }
        await loader.StopAsync(CancellationToken.None);

        Assert.True(started < TimeSpan.FromSeconds(10), $"start took {started.TotalSeconds:F1} s");
        Assert.Contains("is unreachable", problem);
        Assert.Equal(1, logger.Count(LogLevel.Warning, "is unreachable"));
        Assert.Null(loader.Problem);
    }

    private RedisCatalogStore Store(IConnectionMultiplexer connection) => new(connection, new RedisCatalogOptions { KeyPrefix = prefix });

    private CatalogLoader Loader(ICatalogProvider provider, string address, ILogger<CatalogLoader> logger, TimeSpan poll) =>
        new(provider, Options.Create(new CatalogLoaderOptions
        {
            Redis = RedisConnection.Create(address),
            PollInterval = poll,
            Store = new RedisCatalogOptions { KeyPrefix = prefix },
        }), logger);

    private static async Task WaitFor(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"condition not met within {timeout.TotalSeconds} s");
            await Task.Delay(20);
        }
    }
}
