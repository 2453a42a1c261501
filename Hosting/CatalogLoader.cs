using System.Diagnostics;
using Botify.Catalogs.Redis;
using Botify.Contracts.Catalog;
using Botify.Grains.Catalog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Botify.Hosting;

/// <summary>
/// Keeps the silo's <see cref="ICatalogProvider"/> on the current catalog in Redis: loads it
/// at start, then on every pub/sub notification (and every <see cref="CatalogLoaderOptions.PollInterval"/>
/// in case one was missed) loads a newer version in the background and swaps it in whole.
/// When Redis is unreachable or has lost the catalog, the snapshot in memory keeps serving
/// and the problem is logged once, not on every poll.
/// </summary>
public sealed class CatalogLoader : BackgroundService
{
    private readonly ICatalogProvider provider;
    private readonly CatalogLoaderOptions options;
    private readonly ILogger<CatalogLoader> logger;
    private readonly SemaphoreSlim wake = new(0, 1);
    private readonly SemaphoreSlim checking = new(1, 1);
    private ConnectionMultiplexer? redis;
    private RedisCatalogStore? store;
    private bool subscribed;
    private string? problemKind;
    private string? failedVersion;

    public CatalogLoader(ICatalogProvider provider, IOptions<CatalogLoaderOptions> options, ILogger<CatalogLoader> logger)
    {
        this.provider = provider;
        this.options = options.Value;
        this.logger = logger;
    }

    /// <summary>The problem last reported (unreachable Redis, no current catalog, a version that failed to load); null while all is well.</summary>
    public string? Problem { get; private set; }

    /// <summary>How long the last successful load took (read, verify, decode, swap).</summary>
    public TimeSpan? LastLoadTime { get; private set; }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var config = options.Redis.Options();
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = 2000; // a dead Redis must not hold the silo's start for long; the multiplexer keeps reconnecting in the background
        config.SyncTimeout = config.AsyncTimeout = 30000;
        config.BacklogPolicy = BacklogPolicy.FailFast; // while Redis is away, a check fails at once and the snapshot keeps serving
        redis = await ConnectionMultiplexer.ConnectAsync(config);
        store = new RedisCatalogStore(redis, options.Store);
        logger.LogInformation("Catalog: following Redis at {Redis} (channel {Channel}, poll every {Poll} s)", options.Redis.Display,
            options.Store.Channel, options.PollInterval.TotalSeconds);
        try
        {
            await CheckAsync(cancellationToken).WaitAsync(options.StartTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Catalog: the first load did not finish within {Seconds} s; it goes on in the background", options.StartTimeout.TotalSeconds);
        }
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (redis is not null) await redis.DisposeAsync();
    }

    /// <summary>Reads `current` now and loads it if it differs from the snapshot in memory (what a notification triggers).</summary>
    public async Task CheckAsync(CancellationToken cancellation = default)
    {
        if (store is null || redis is null) return;
        await checking.WaitAsync(cancellation);
        try
        {
            await SubscribeAsync();
            await CheckLockedAsync(store, cancellation);
        }
        finally
        {
            checking.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await wake.WaitAsync(options.PollInterval, stoppingToken);
                await CheckAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The loop must outlive any surprise: the snapshot in memory keeps serving.
                logger.LogError(e, "Catalog: check failed unexpectedly; retrying in {Seconds} s", options.PollInterval.TotalSeconds);
            }
        }
    }

    // A command to paste; with a password or TLS files the --redis given to this silo is needed, and it is never printed.
    private string PublishCommand() => options.Redis.HasPassword || options.Redis.CaFile is not null || options.Redis.CertificateFile is not null
        ? "`dotnet run --project Lab -c Release -- publish --data DIR` with --redis (or BOTIFY_REDIS) and its TLS options as given to this silo"
        : $"`dotnet run --project Lab -c Release -- publish --redis {options.Redis.Display} --data DIR`";

    private async Task CheckLockedAsync(RedisCatalogStore catalogs, CancellationToken cancellation)
    {
        var loaded = provider.Current;
        string? current;
        try
        {
            current = await catalogs.GetCurrentVersionAsync();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Report("unreachable",
                $"Redis at {options.Redis.Display} is unreachable ({e.GetType().Name}); serving catalog version {loaded.Version} from memory until it is back");
            return;
        }
        if (current is null)
        {
            if (loaded == CatalogSnapshot.Empty || loaded.Version == CatalogSnapshot.Empty.Version)
            {
                Report("none", $"no catalog published yet: run {PublishCommand()}; serving without tracks until then");
            }
            else
            {
                Report("lost",
                    $"Redis at {options.Redis.Display} has no current catalog (restarted empty or flushed?): still serving version {loaded.Version} " +
                    $"from memory; publish again with {PublishCommand()}");
            }
            return;
        }
        if (current == loaded.Version)
        {
            Resolved(loaded);
            return;
        }
        if (current == failedVersion) return;
        var clock = Stopwatch.StartNew();
        CatalogSnapshot next;
        try
        {
            next = await catalogs.LoadAsync(current, cancellation);
        }
        catch (InvalidDataException e)
        {
            failedVersion = current;
            Report("failed:" + current, $"catalog version {current} cannot be loaded: {e.Message}; still serving version {loaded.Version}");
            return;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Report("unreachable",
                $"Redis at {options.Redis.Display} failed while loading catalog version {current} ({e.Message}); still serving version " +
                $"{loaded.Version}, retrying");
            return;
        }
        provider.Swap(next);
        LastLoadTime = clock.Elapsed;
        failedVersion = null;
        logger.LogInformation(
            "Catalog: version {Version} is current ({Tracks} tracks, {Top} top tracks, tables {Tables}); loaded and swapped in {Seconds:F2} s",
            next.Version, next.Tracks.Count, next.TopTracks.Length, Describe(next), clock.Elapsed.TotalSeconds);
        Resolved(next);
    }

    private async Task SubscribeAsync()
    {
        if (subscribed || redis is null || store is null) return;
        try
        {
            // StackExchange.Redis re-subscribes by itself after a reconnect.
            await redis.GetSubscriber().SubscribeAsync(store.Channel, (_, _) => Wake());
            subscribed = true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Polling covers until the next attempt.
        }
    }

    private void Wake()
    {
        try
        {
            if (wake.CurrentCount == 0) wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    private void Report(string kind, string message)
    {
        Problem = message;
        if (kind == problemKind) return;
        problemKind = kind;
        logger.LogWarning("Catalog: {Problem}", message);
    }

    private void Resolved(CatalogSnapshot current)
    {
        if (problemKind is null) return;
        problemKind = null;
        Problem = null;
        logger.LogInformation("Catalog: Redis is serving catalog version {Version} again", current.Version);
    }

    private static string Describe(CatalogSnapshot snapshot)
    {
        if (snapshot.Tables.Count == 0) return "(none)";
        var parts = new List<string>(snapshot.Tables.Count);
        foreach (var (name, table) in snapshot.Tables)
        {
            parts.Add($"{name} ({table.RowCount:N0} {(table.KeyKind == TableKeyKind.User ? "users" : "tracks")})");
        }
        parts.Sort(StringComparer.Ordinal);
        return string.Join(", ", parts);
    }
}
