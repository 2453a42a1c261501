using Orleans.Runtime.Messaging;

namespace Botify.Gateway;

/// <summary>
/// Which failed grain calls the gateway repeats once with the same request id (the grain answers a
/// repeat as Duplicate, never applies it twice): the call's silo or connection is gone; in cluster mode
/// also a timeout, as a call to a silo that was just killed hangs until the cluster declares it dead.
/// </summary>
public sealed class GrainCallRetry(IConfiguration configuration)
{
    private readonly bool retryTimeouts = configuration.IsClusterMode();

    public bool ShouldRetry(Exception e) => e switch
    {
        SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException => true,
        TimeoutException => retryTimeouts,
        _ => false,
    };
}
