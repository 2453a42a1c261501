using System.Diagnostics;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Messaging;

namespace Botify.Gateway;

/// <summary>
/// Which failed grain calls the gateway repeats once with the same request id (the grain answers a
/// repeat as Duplicate, never applies it twice): the call's silo or connection is gone; in cluster mode
/// also a timeout, as a call to a silo that was just killed hangs until the cluster declares it dead. A call
/// that failed fast (the dead silo's port refuses) is repeated only <see cref="GatewayOptions.SiloRetryDelay"/>
/// after the first attempt began: repeated at once it meets the same dead silo.
/// </summary>
public sealed class GrainCallRetry(IConfiguration configuration, IOptions<GatewayOptions> options)
{
    private readonly bool retryTimeouts = configuration.IsClusterMode();
    private readonly TimeSpan delay = options.Value.SiloRetryDelay;

    /// <summary>
    /// Waits until <see cref="GatewayOptions.SiloRetryDelay"/> has passed since the first attempt started (<paramref name="started"/>, a
    /// <see cref="Stopwatch"/> timestamp).
    /// </summary>
    public Task BeforeRetryAsync(long started)
    {
        var wait = delay - Stopwatch.GetElapsedTime(started);
        return wait > TimeSpan.Zero ? Task.Delay(wait) : Task.CompletedTask;
    }

    public bool ShouldRetry(Exception e) => e switch
    {
        SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException => true,
        TimeoutException => retryTimeouts,
        _ => false,
    };
}
