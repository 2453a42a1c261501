using Botify.Contracts.Catalog;
using Botify.Grains;
using Botify.Grains.Catalog;
using Botify.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Botify.Gateway;

/// <summary>
/// The botify-compatible HTTP API plus a status-only health, served on the public listener. The handlers of the
/// read-only user view and the detailed health are here too; <see cref="ManagementApi"/> maps them on the management listener.
/// </summary>
public static class BotifyApi
{
    public static IEndpointRouteBuilder MapBotifyApi(this IEndpointRouteBuilder app)
    {
        // Only requests that call a grain are admitted through the limit; `/`, `/health` and `/track` stay in memory.
        app.MapGet("/", Alive)
            .WithSummary("Liveness, as the reference service");
        app.MapGet("/track/{track}", Track)
            .WithSummary("A track of the catalog with its per-track recommendations")
            .Produces<TrackResponse>().Produces<ApiError>(400).Produces<ApiError>(404).Produces<ApiError>(503);
        app.MapPost("/next/{user}", static (string user, HttpContext http, PlayEndpoints plays, PlayAdmission admission) =>
                admission.AdmitAsync(http, (plays, user), static (s, http) => s.plays.NextAsync(s.user, http)))
            .WithSummary("Record the play of a track and answer the next track")
            .Accepts<PlayBody>("application/json")
            .Produces<NextResponse>().Produces<ApiError>(400).Produces<ApiError>(404).Produces<ApiError>(413).Produces<ApiError>(415).Produces<ApiError>(503);
        app.MapPost("/last/{user}", static (string user, HttpContext http, PlayEndpoints plays, PlayAdmission admission) =>
                admission.AdmitAsync(http, (plays, user), static (s, http) => s.plays.LastAsync(s.user, http)))
            .WithSummary("Record the last play of a session")
            .Accepts<PlayBody>("application/json")
            .Produces<LastResponse>().Produces<ApiError>(400).Produces<ApiError>(404).Produces<ApiError>(413).Produces<ApiError>(415).Produces<ApiError>(503);
        app.MapGet("/health", PublicHealth)
            .WithMetadata(ListenerRestriction.PublicOnly) // the detailed answer is on the management listener (ManagementApi)
            .WithSummary("Ready (200) when a catalog is loaded, the event log can write and the service is not stopping, else 503; the status only")
            .Produces<PublicHealthResponse>().Produces<PublicHealthResponse>(503);
        return app;
    }

    private static JsonHttpResult<AliveResponse> Alive() => TypedResults.Json(
        new AliveResponse("alive", "botify on orleans: POST /next/{user} with a JSON body of track and time (0..1) answers the next track"),
        GatewayJsonContext.Default.AliveResponse);

    private static IResult Track(string track, ICatalogProvider catalog, IOptions<GatewayOptions> options)
    {
        if (!PathId.TryParse(track, "track", out var id, out var error)) return PlayRequest.ErrorResult(error!, StatusCodes.Status400BadRequest);
        var snapshot = catalog.Current;
        if (snapshot.IsEmpty)
        {
            return PlayRequest.ErrorResult(new ApiError("no catalog is loaded yet; publish one (Lab publish) or start the service with --catalog " +
                "DIR, then retry"), StatusCodes.Status503ServiceUnavailable);
        }
        if (!snapshot.Tracks.Contains(id))
        {
            return PlayRequest.ErrorResult(new ApiError($"track {id} is not in the catalog (version {snapshot.Version}, {snapshot.Tracks.Count} " +
                $"tracks)", "track"), StatusCodes.Status404NotFound);
        }
        var tracks = snapshot.Tracks;
        var recommendations = TrackTable(snapshot, options.Value.TrackTable) is { } table && table.TryGetRow(id, out var row) ? row : [];
        return TypedResults.Json(
            new TrackResponse(id, tracks.ArtistName(tracks.ArtistOf(id)), tracks.TitleOf(id), recommendations),
            GatewayJsonContext.Default.TrackResponse);
    }

    internal static async Task<IResult> User(string user, IGrainFactory grains, IOptions<GatewayOptions> options, ILoggerFactory logs,
        GrainCallRetry retry, ClusterClientConnector? cluster)
    {
        if (!PathId.TryParse(user, "user", out var id, out var error)) return PlayRequest.ErrorResult(error!, StatusCodes.Status400BadRequest);
        try
        {
            var grain = grains.GetGrain<IUserGrain>(id);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            UserView view;
            try
            {
                view = await grain.View().WaitAsync(options.Value.CallTimeout);
            }
            catch (Exception e) when (retry.ShouldRetry(e))
            {
                // As /next: the user's silo died; the grain re-activates on a live silo from storage.
                logs.CreateLogger(typeof(BotifyApi)).LogInformation("reading user {User} failed with {Type} (its silo is gone); retrying once", id,
                    e.GetType().Name);
                await retry.BeforeRetryAsync(started);
                view = await grain.View().WaitAsync(options.Value.CallTimeout);
            }
            return TypedResults.Json(
                new UserResponse(view.User, view.History, view.Method, view.FailCount, view.Experiments, view.Recommender),
                GatewayJsonContext.Default.UserResponse);
        }
        catch (Exception e)
        {
            logs.CreateLogger(typeof(BotifyApi)).LogWarning("answered 503: reading user {User} failed with {Type}: {Reason}", id, e.GetType().Name, e.Message);
            return PlayRequest.ErrorResult(new ApiError(PlayEndpoints.UnavailableMessage(e, cluster)), StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static JsonHttpResult<PublicHealthResponse> PublicHealth(ICatalogProvider catalog, IHostApplicationLifetime lifetime, EventLogWriter events)
    {
        var (ready, _) = Readiness(catalog.Current, lifetime, events.Health());
        return TypedResults.Json(new PublicHealthResponse(ready ? "ready" : "not ready"), GatewayJsonContext.Default.PublicHealthResponse,
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    internal static JsonHttpResult<HealthResponse> Health(
        ICatalogProvider catalog, BotifySiloInfo silo, IHostApplicationLifetime lifetime, EventLogWriter events, [FromServices] CatalogLoader? loader,
        [FromServices] ActivationGauge? activations)
    {
        var eventLog = events.Health();
        var snapshot = catalog.Current;
        var names = new string[snapshot.Tables.Count];
        snapshot.Tables.Keys.CopyTo(names, 0);
        Array.Sort(names, StringComparer.Ordinal);
        var (ready, message) = Readiness(snapshot, lifetime, eventLog);
        return TypedResults.Json(
            new HealthResponse(ready ? "ready" : "not ready", message, snapshot.Version, snapshot.Tracks.Count, names, silo.Storage, silo.Redis?.Display,
                loader?.Problem, eventLog, ProcessStats.Now(activations?.Read())),
            GatewayJsonContext.Default.HealthResponse,
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    // One rule for both /health answers: the public one says the status only, the management one also why.
    private static (bool Ready, string Message) Readiness(CatalogSnapshot snapshot, IHostApplicationLifetime lifetime, EventLogHealth eventLog) =>
        lifetime.ApplicationStopping.IsCancellationRequested ? (false, "stopping")
        : snapshot.IsEmpty ? (false, "no catalog loaded yet: publish one (Lab publish) or start with --catalog DIR")
        : eventLog.Problem is not null
            ? (false, $"the event log cannot write ({eventLog.Problem}): /next and /last answer 503 until it can; see eventLog")
        : eventLog.Queued >= eventLog.Capacity
            ? (false, "the event log's queue is full: /next and /last answer 503 until the disk catches up; see eventLog")
        : (true, "serving");

    // The configured per-track table, else the first per-track table by name.
    private static RecommendationTable? TrackTable(CatalogSnapshot snapshot, string preferred)
    {
        var table = snapshot.Table(preferred);
        if (table is { KeyKind: TableKeyKind.Track }) return table;
        RecommendationTable? first = null;
        foreach (var (name, candidate) in snapshot.Tables)
        {
            if (candidate.KeyKind == TableKeyKind.Track && (first is null || string.CompareOrdinal(name, first.Name) < 0)) first = candidate;
        }
        return first;
    }
}
