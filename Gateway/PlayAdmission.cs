using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Botify.Gateway;

/// <summary>
/// Bounds the grain-calling requests in flight (<see cref="GatewayOptions.MaxConcurrentCalls"/>) and
/// waiting (<see cref="GatewayOptions.CallQueueLimit"/>); the rest get 503 at once, so under overload
/// latency and memory stay bounded and `GET /` and `/health` keep answering. Handlers call
/// <see cref="AdmitAsync{TState}"/> directly: an endpoint filter would box every request's arguments.
/// </summary>
public sealed class PlayAdmission : IDisposable
{
    private readonly ConcurrencyLimiter limiter;
    private readonly string message;
    private long shed;

    public PlayAdmission(IOptions<GatewayOptions> options)
    {
        var settings = options.Value;
        if (settings.MaxConcurrentCalls < 1 || settings.CallQueueLimit < 0)
        {
            throw new OptionsValidationException(GatewayOptions.Section, typeof(GatewayOptions),
                [$"{GatewayOptions.Section}:MaxConcurrentCalls must be at least 1 and CallQueueLimit at least 0 (got {settings.MaxConcurrentCalls} " +
                    $"and {settings.CallQueueLimit})"]);
        }
        limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.MaxConcurrentCalls,
            QueueLimit = settings.CallQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        message = $"the service is at capacity ({settings.MaxConcurrentCalls} requests in progress, {settings.CallQueueLimit} queued); retry shortly";
    }

    /// <summary>Requests answered 503 because every slot and the queue were taken.</summary>
    public long Shed => Interlocked.Read(ref shed);

    /// <summary>Runs <paramref name="work"/> in a slot, after waiting in the queue if need be; 503 with Retry-After when both are full.</summary>
    public async Task<IResult> AdmitAsync<TState>(HttpContext http, TState state, Func<TState, HttpContext, Task<IResult>> work)
    {
        using var lease = await limiter.AcquireAsync(1, http.RequestAborted);
        if (!lease.IsAcquired)
        {
            Interlocked.Increment(ref shed);
            http.Response.Headers.RetryAfter = "1";
            return PlayRequest.ErrorResult(new ApiError(message), StatusCodes.Status503ServiceUnavailable);
        }
        return await work(state, http);
    }

    public void Dispose() => limiter.Dispose();
}
