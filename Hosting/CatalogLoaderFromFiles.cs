using System.Diagnostics;
using Botify.Contracts.Catalog;
using Botify.Grains.Catalog;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Botify.Hosting;

/// <summary>
/// Loads a catalog folder (reference file formats) once at start, for a process without
/// Redis. A bad file stops the start with its file, line and reason.
/// </summary>
public sealed class CatalogLoaderFromFiles : IHostedService
{
    private readonly ICatalogProvider provider;
    private readonly string directory;
    private readonly ILogger<CatalogLoaderFromFiles> logger;

    public CatalogLoaderFromFiles(ICatalogProvider provider, string directory, ILogger<CatalogLoaderFromFiles> logger)
    {
        this.provider = provider;
        this.directory = directory;
        this.logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        CatalogSnapshot snapshot;
        try
        {
            snapshot = await Task.Run(() => CatalogFiles.Read(directory), cancellationToken);
        }
        catch (CatalogFileException e)
        {
            throw new InvalidOperationException($"catalog folder {directory} cannot be loaded: {e.Message}", e);
        }
        provider.Swap(snapshot);
        logger.LogInformation(
            "Catalog: loaded folder {Directory} in {Seconds:F2} s: {Tracks} tracks, {Top} top tracks, {Tables} tables",
            directory, clock.Elapsed.TotalSeconds, snapshot.Tracks.Count, snapshot.TopTracks.Length, snapshot.Tables.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
