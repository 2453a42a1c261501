using System.Diagnostics;
using Botify.Catalogs.Redis;
using Botify.Contracts.Catalog;
using Spectre.Console;
using StackExchange.Redis;

namespace Botify.Lab.Publishing;

/// <summary>
/// `lab publish`: checks Redis is reachable, reads and validates every file of the folder
/// (nothing is written when one is bad), writes the new version, flips `current`,
/// notifies silos, and prints a summary. Exit codes: 0 published, 1 bad input, 2 Redis failure.
/// </summary>
public static class CatalogPublishRun
{
    public static async Task<int> RunAsync(PublishSettings settings, IAnsiConsole console, TextWriter errors, CancellationToken cancellation = default) =>
        (await PublishAsync(settings, console, errors, cancellation)).ExitCode;

    /// <summary>The same as <see cref="RunAsync"/>, also returning the version made current and a track of the catalog.</summary>
    public static async Task<PublishOutcome> PublishAsync(PublishSettings settings, IAnsiConsole console, TextWriter errors,
        CancellationToken cancellation = default)
    {
        var total = Stopwatch.StartNew();
        RedisConnection connection;
        try
        {
            connection = RedisConnection.Create(settings.Redis, settings.RedisCaFile, settings.RedisCertificateFile, settings.RedisKeyFile);
        }
        catch (ArgumentException e)
        {
            errors.WriteLine($"error: {e.Message}. Nothing was published.");
            return PublishOutcome.Failed(2);
        }
        ConnectionMultiplexer redis;
        try
        {
            var config = connection.Options();
            config.ConnectTimeout = 5000;
            config.SyncTimeout = config.AsyncTimeout = 60000;
            config.ConnectRetry = 1;
            redis = await ConnectionMultiplexer.ConnectAsync(config);
        }
        catch (RedisConnectionException e)
        {
            errors.WriteLine($"error: cannot reach Redis at {connection.Display}: {ConnectFailure(e, connection)}. Nothing was published.");
            return PublishOutcome.Failed(2);
        }
        catch (Exception e) when (e is RedisException or ArgumentException or IOException or System.Security.Cryptography.CryptographicException)
        {
            errors.WriteLine(
                $"error: Redis at {connection.Display} is not usable ({FirstLine(e.Message)}); check --redis and its TLS options. Nothing was published.");
            return PublishOutcome.Failed(2);
        }
        await using var _ = redis;

        console.MarkupLine($"Reading catalog folder [bold]{Markup.Escape(settings.Data)}[/]");
        CatalogSnapshot catalog;
        var read = Stopwatch.StartNew();
        try
        {
            var limits = CatalogFileLimits.Default with { MaxLineBytes = settings.MaxLineBytes };
            catalog = await Task.Run(() => CatalogFiles.Read(CatalogFolder.Discover(settings.Data), "pending", limits, file =>
                console.MarkupLine($"  {Markup.Escape(Path.GetFileName(file.Path)),-32} {Markup.Escape(file.What),-38} " +
                    $"{file.Elapsed.TotalSeconds,5:F2} s")), cancellation);
        }
        catch (CatalogFileException e)
        {
            errors.WriteLine($"error: {e.Message}");
            errors.WriteLine("Nothing was published; the current catalog version in Redis is unchanged.");
            return PublishOutcome.Failed(1);
        }
        read.Stop();

        var store = new RedisCatalogStore(redis, new RedisCatalogOptions { KeyPrefix = settings.KeyPrefix, KeepVersions = settings.KeepVersions });
        console.MarkupLine($"Writing to Redis [bold]{Markup.Escape(connection.Display)}[/] ...");
        CatalogPublishResult result;
        try
        {
            result = await store.PublishAsync(catalog, Path.GetFullPath(settings.Data), cancellation);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or InvalidOperationException)
        {
            errors.WriteLine($"error: publishing to Redis at {connection.Display} failed ({FirstLine(e.Message)}); the current catalog version is " +
                "unchanged — check Redis and publish again.");
            return PublishOutcome.Failed(2);
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("part").AddColumn("kind").AddColumn(new TableColumn("rows").RightAligned())
            .AddColumn(new TableColumn("ids").RightAligned()).AddColumn(new TableColumn("chunks").RightAligned())
            .AddColumn(new TableColumn("bytes").RightAligned());
        foreach (var part in result.Parts)
        {
            table.AddRow(Markup.Escape(part.Name), part.Kind, $"{part.Rows:N0}", $"{part.Items:N0}", $"{part.Chunks:N0}", $"{part.Bytes:N0}");
        }
        console.Write(table);
        var tables = new List<string>();
        foreach (var (name, t) in catalog.Tables.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            tables.Add($"{name} {t.RowCount:N0} {(t.KeyKind == TableKeyKind.User ? "users" : "tracks")}");
        }
        console.MarkupLine($"Published catalog version [bold green]{Markup.Escape(result.Version)}[/] (now current; silos notified on " +
            $"{Markup.Escape(store.Options.Channel)})");
        console.MarkupLine(Markup.Escape(
            $"  {catalog.Tracks.Count:N0} tracks, {catalog.TopTracks.Length:N0} top tracks, tables: " +
                $"{(tables.Count == 0 ? "none" : string.Join(", ", tables))}"));
        console.MarkupLine(Markup.Escape(
            $"  {result.BytesWritten / 1048576.0:F1} MiB written; read {read.Elapsed.TotalSeconds:F2} s, write+flip " +
                $"{result.Elapsed.TotalSeconds:F2} s, total {total.Elapsed.TotalSeconds:F2} s"
            + (result.PrunedVersions.Count > 0 ? $"; pruned old versions {string.Join(", ", result.PrunedVersions)}" : "")));
        return new PublishOutcome(0, result.Version, catalog.Tracks.Count, catalog.Tracks.Count > 0 ? catalog.Tracks.AllTracks[0] : null);
    }

    private static string ConnectFailure(RedisConnectionException e, RedisConnection connection) => e.FailureType switch
    {
        ConnectionFailureType.AuthenticationFailure when connection.Tls =>
            "authentication failed (a wrong password= or user=, or a TLS certificate one side does not trust); check --redis, --redis-ca and --redis-cert",
        ConnectionFailureType.AuthenticationFailure => "authentication failed; check password= and user= in --redis (or BOTIFY_REDIS)",
        _ => "no connection within 5 s; start redis-server there or pass --redis HOST:PORT (a TLS port needs ,ssl=true and usually --redis-ca)",
    };

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
