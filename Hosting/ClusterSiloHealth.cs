using Botify.Grains.Catalog;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;

namespace Botify.Hosting;

/// <summary>`GET /health` of a standalone silo: 200 while it is an active cluster member with a catalog, else 503.</summary>
public static class ClusterSiloHealth
{
    public static IResult Answer(ILocalSiloDetails silo, ICatalogProvider catalog, IHostApplicationLifetime lifetime, CatalogLoader loader)
    {
        var snapshot = catalog.Current;
        var (ready, message) = lifetime.ApplicationStopping.IsCancellationRequested ? (false, "stopping")
            : snapshot.IsEmpty ? (false, "no catalog loaded yet: publish one (Lab publish --redis ...)")
            : (true, "serving");
        return Results.Json(
            new ClusterSiloHealthResponse(ready ? "ready" : "not ready", message, silo.SiloAddress.ToString(), silo.Name, snapshot.Version,
                snapshot.Tracks.Count, loader.Problem),
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
