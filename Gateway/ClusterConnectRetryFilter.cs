namespace Botify.Gateway;

/// <summary>Keeps trying to reach the cluster (every second, until the gateway stops): a gateway may start before any silo.</summary>
public sealed partial class ClusterConnectRetryFilter(ILogger<ClusterConnectRetryFilter> logger) : IClientConnectionRetryFilter
{
    private int attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        // Said once, then every 30 attempts: a gateway waiting for silos should not flood its log.
        if (attempts++ % 30 == 0) LogWaiting(logger, attempts, exception.Message);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "no silo reachable yet (attempt {Attempt}: {Reason}); answering 503 and retrying every second")]
    private static partial void LogWaiting(ILogger logger, int attempt, string reason);
}
