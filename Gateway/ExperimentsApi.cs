using Botify.Grains;
using Microsoft.Extensions.Options;

namespace Botify.Gateway;

/// <summary>
/// The live experiment views (management endpoints): `GET /experiments` lists the configured experiments,
/// `GET /experiments/{name}` answers the `Lab ab` table from the live aggregate with an always-valid interval beside
/// the Welch one, and `GET /experiments/{name}/view` is the page a person watches while traffic runs.
/// </summary>
public static class ExperimentsApi
{
    public static IEndpointRouteBuilder MapExperimentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/experiments", List)
            .WithSummary("Configured experiments, their arms' recommenders and where their live figures are")
            .Produces<ExperimentListResponse>().Produces<ApiError>(503);
        app.MapGet("/experiments/{name}", Figures)
            .WithSummary("One experiment's live A/B table: per-arm counts; per treatment and metric the effect, Welch and always-valid intervals")
            .Produces<ExperimentResponse>().Produces<ApiError>(404).Produces<ApiError>(503);
        app.MapGet("/experiments/{name}/view", View)
            .WithSummary("The experiment's live page: per-arm counts and a chart of each treatment's effect with both intervals; refreshes itself")
            .Produces(200, contentType: "text/html").Produces<ApiError>(404).Produces<ApiError>(503);
        return app;
    }

    private static async Task<IResult> List(LiveExperimentReader reader, ILoggerFactory logs, HttpContext http)
    {
        try
        {
            var directory = await reader.DirectoryAsync();
            var experiments = directory.Experiments.Select(x => new ExperimentSummaryResponse(
                x.Name, x.Arms.Select((arm, a) => new ExperimentArmSpecResponse(arm, x.Recommenders[a])).ToArray(),
                $"/experiments/{Uri.EscapeDataString(x.Name)}", $"/experiments/{Uri.EscapeDataString(x.Name)}/view")).ToArray();
            return TypedResults.Json(new ExperimentListResponse(experiments, directory.Shards), GatewayJsonContext.Default.ExperimentListResponse);
        }
        catch (Exception e)
        {
            return Unavailable(e, logs, http);
        }
    }

    private static async Task<IResult> Figures(string name, LiveExperimentReader reader, ILoggerFactory logs, HttpContext http)
    {
        var (live, error) = await ReadAsync(name, reader, logs, http);
        return error ?? TypedResults.Json(ExperimentResponse.Of(live!), GatewayJsonContext.Default.ExperimentResponse);
    }

    private static async Task<IResult> View(string name, LiveExperimentReader reader, IOptions<GatewayOptions> options, ILoggerFactory logs, HttpContext http)
    {
        var (live, error) = await ReadAsync(name, reader, logs, http);
        if (error is not null) return error;
        http.Response.Headers.CacheControl = "no-store";
        var settings = options.Value;
        return TypedResults.Content(ExperimentViewPage.Render(live!, settings.ExperimentViewRefresh, DateTimeOffset.UtcNow, settings.ExperimentConfidence),
            "text/html; charset=utf-8");
    }

    private static async Task<(LiveExperiment? Live, IResult? Error)> ReadAsync(string name, LiveExperimentReader reader, ILoggerFactory logs, HttpContext http)
    {
        try
        {
            var directory = await reader.DirectoryAsync();
            if (directory.Shards == 0)
            {
                return (null, PlayRequest.ErrorResult(new ApiError(
                    "live experiment figures are off on the silos (Botify:LiveExperiments:Enabled false); "
                    + "start them with it true, or analyse the event log with Lab ab"),
                    StatusCodes.Status404NotFound));
            }
            var live = await reader.ReadAsync(name, directory);
            if (live is null)
            {
                var configured = string.Join(", ", directory.Experiments.Select(x => x.Name));
                return (null, PlayRequest.ErrorResult(new ApiError(
                    $"experiment '{name}' is not configured and no user has reported to it; "
                    + $"configured: {(configured.Length == 0 ? "none" : configured)} (GET /experiments lists them)",
                    "name"), StatusCodes.Status404NotFound));
            }
            return (live, null);
        }
        catch (Exception e)
        {
            return (null, Unavailable(e, logs, http));
        }
    }

    private static IResult Unavailable(Exception e, ILoggerFactory logs, HttpContext http)
    {
        logs.CreateLogger(typeof(ExperimentsApi))
            .LogWarning("answered 503: reading the live experiments failed with {Type}: {Reason}", e.GetType().Name, e.Message);
        var message = PlayEndpoints.UnavailableMessage(e, http.RequestServices.GetService<ClusterClientConnector>());
        return PlayRequest.ErrorResult(new ApiError(message), StatusCodes.Status503ServiceUnavailable);
    }
}
