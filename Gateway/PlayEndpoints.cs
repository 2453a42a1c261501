using System.Diagnostics;
using Botify.Contracts.EventLog;
using Botify.Contracts.Listening;
using Botify.Grains;
using Botify.Grains.Catalog;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Botify.Gateway;

/// <summary>
/// `POST /next/{user}` and `POST /last/{user}`: validate, reserve the event log's place, call the user's grain with a
/// new request id, log the event, answer. Only a play the grain applied is logged; when the log cannot take a line
/// the request is refused before the grain sees it.
/// </summary>
public sealed partial class PlayEndpoints(
    IGrainFactory grains,
    ICatalogProvider catalog,
    EventLogWriter events,
    GrainCallRetry retry,
    IOptions<GatewayOptions> options,
    ILogger<PlayEndpoints> logger,
    ClusterClientConnector? cluster = null)
{
    private readonly GatewayOptions settings = options.Value;

    public async Task<IResult> NextAsync(string user, HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var received = DateTime.UtcNow.Ticks; // the grain counts the live view's latency from here
        var request = await PlayRequest.ReadAsync(user, http.Request, settings.MaxBodyBytes);
        if (request.Error is not null) return request.Error;
        if (UnknownTrack(request.Body.Track) is { } unknown) return unknown;

        // The log's place is reserved before the grain applies anything: a log that cannot write refuses, nothing changes.
        if (!events.TryReserve(out var refusal)) return LogRefused(refusal, http);
        NextAnswer answer;
        try
        {
            answer = await CallAsync(request.User, new TrackPlay(request.Body.Track, request.Body.Time, Guid.NewGuid(), received),
                static (grain, play) => grain.Next(play));
        }
        catch (Exception e)
        {
            events.Release();
            return Unavailable(e, request.User);
        }
        if (Refused(answer.Outcome, request.Body.Track) is { } refused)
        {
            events.Release();
            return refused;
        }
        if (!events.Append(new LogEvent(
                LogMessage.Next, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), request.User, request.Body.Track,
                request.Body.Time, Stopwatch.GetElapsedTime(started).TotalSeconds, answer.Recommendation, answer.Experiments)))
        {
            return Stopping();
        }
        if (settings.RecommenderHeader.Length > 0) http.Response.Headers[settings.RecommenderHeader] = answer.Recommender;
        return TypedResults.Json(new NextResponse(request.User, answer.Recommendation), GatewayJsonContext.Default.NextResponse);
    }

    public async Task<IResult> LastAsync(string user, HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var received = DateTime.UtcNow.Ticks; // the grain counts the live view's latency from here
        var request = await PlayRequest.ReadAsync(user, http.Request, settings.MaxBodyBytes);
        if (request.Error is not null) return request.Error;
        if (UnknownTrack(request.Body.Track) is { } unknown) return unknown;

        if (!events.TryReserve(out var refusal)) return LogRefused(refusal, http);
        LastAnswer answer;
        try
        {
            answer = await CallAsync(request.User, new TrackPlay(request.Body.Track, request.Body.Time, Guid.NewGuid(), received),
                static (grain, play) => grain.Last(play));
        }
        catch (Exception e)
        {
            events.Release();
            return Unavailable(e, request.User);
        }
        if (Refused(answer.Outcome, request.Body.Track) is { } refused)
        {
            events.Release();
            return refused;
        }
        if (!events.Append(new LogEvent(
                LogMessage.Last, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), request.User, request.Body.Track,
                request.Body.Time, Stopwatch.GetElapsedTime(started).TotalSeconds, null, answer.Experiments)))
        {
            return Stopping();
        }
        return TypedResults.Json(new LastResponse(request.User), GatewayJsonContext.Default.LastResponse);
    }

    // An ETag conflict (another writer, or Redis lost the record) stored nothing and the grain reloads,
    // so one retry with the same request id is safe and spares the client a 503.
    private async Task<T> CallAsync<T>(int user, TrackPlay play, Func<IUserGrain, TrackPlay, Task<T>> call)
    {
        var grain = grains.GetGrain<IUserGrain>(user);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call(grain, play).WaitAsync(settings.CallTimeout);
        }
        catch (InconsistentStateException e)
        {
            LogEtagRetry(logger, user, e.Message);
            return await call(grain, play).WaitAsync(settings.CallTimeout);
        }
        catch (Exception e) when (retry.ShouldRetry(e))
        {
            // The user's silo died (or its connection): the grain re-activates elsewhere from Redis,
            // and the same request id makes a play the dead silo already stored come back as Duplicate.
            LogSiloRetry(logger, user, e.GetType().Name);
            await retry.BeforeRetryAsync(started);
            return await call(grain, play).WaitAsync(settings.CallTimeout);
        }
    }

    // The co-hosted gateway sees the silo's catalog: refuse unknown tracks before touching a grain.
    private IResult? UnknownTrack(int track)
    {
        var snapshot = catalog.Current;
        if (snapshot.IsEmpty || snapshot.Tracks.Contains(track)) return null;
        return PlayRequest.ErrorResult(new ApiError($"track {track} is not in the catalog (version {snapshot.Version}); send a track id listed by " +
            $"GET /track/{{track}}", "track"), StatusCodes.Status404NotFound);
    }

    // Applied and Duplicate are acknowledged (request ids are new per HTTP request, so a Duplicate can only answer this
    // request's own retry); every other outcome is a refusal that changed nothing.
    private static IResult? Refused(PlayOutcome outcome, int track) => outcome switch
    {
        PlayOutcome.UnknownTrack
            => PlayRequest.ErrorResult(new ApiError($"track {track} is not in the catalog; send a track id listed by GET /track/{{track}}", "track"),
            StatusCodes.Status404NotFound),
        PlayOutcome.CatalogNotLoaded
            => PlayRequest.ErrorResult(new ApiError("no catalog is loaded yet; publish one (Lab publish) or start the service with --catalog DIR, " +
            "then retry"), StatusCodes.Status503ServiceUnavailable),
        _ => null,
    };

    private IResult Unavailable(Exception e, int user)
    {
        // One line per failure: during an outage every request fails the same way.
        LogGrainFailed(logger, user, e.GetType().Name, e.Message);
        LogGrainFailure(logger, e);
        return PlayRequest.ErrorResult(new ApiError(UnavailableMessage(e, cluster)), StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The 503 message of a failed grain call: what is missing and what to do.</summary>
    public static string UnavailableMessage(Exception e, ClusterClientConnector? cluster) =>
        cluster is { Connected: false }
            ? "the gateway has not reached the cluster yet (no silo answered through Redis clustering); start a silo (./cluster.sh up, or dotnet " +
                "Silo.dll --redis HOST:PORT) and retry"
            : e is TimeoutException
                ? "the user's state did not answer in time (storage or cluster unavailable); retry shortly"
                : $"the user's state is unavailable ({e.GetType().Name}); retry shortly";

    private IResult LogRefused(EventLogRefusal refusal, HttpContext http)
    {
        if (refusal != EventLogRefusal.Stopping) http.Response.Headers.RetryAfter = events.RetryAfterSeconds;
        return PlayRequest.ErrorResult(new ApiError(events.RefusalMessage(refusal)), StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult Stopping() =>
        PlayRequest.ErrorResult(new ApiError("the service is stopping; retry on another instance or after restart"), StatusCodes.Status503ServiceUnavailable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "answered 503: the grain call for user {User} failed with {Type}: {Reason}")]
    private static partial void LogGrainFailed(ILogger logger, int user, string type, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "user {User}: stored state changed behind the grain ({Reason}); retrying once on the reloaded state")]
    private static partial void LogEtagRetry(ILogger logger, int user, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "user {User}: the grain call failed with {Type} (its silo is gone or unreachable); retrying once with the same request id")]
    private static partial void LogSiloRetry(ILogger logger, int user, string type);

    [LoggerMessage(Level = LogLevel.Debug, Message = "grain call failure in full")]
    private static partial void LogGrainFailure(ILogger logger, Exception exception);
}
