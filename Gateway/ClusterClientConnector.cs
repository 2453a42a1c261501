namespace Botify.Gateway;

/// <summary>
/// Starts the Orleans client in the background (so Kestrel serves while no silo is up) and
/// stops it with the host. Grain calls made before the connection fail fast and answer 503.
/// </summary>
public sealed partial class ClusterClientConnector(IClusterClient client, ILogger<ClusterClientConnector> logger) : BackgroundService
{
    private volatile bool connected;

    /// <summary>True once the client has reached a silo's gateway.</summary>
    public bool Connected => connected;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ((IHostedService)client).StartAsync(stoppingToken);
            connected = true;
            LogConnected(logger);
        }
        catch (Exception e) when (stoppingToken.IsCancellationRequested)
        {
            LogGaveUp(logger, e.GetType().Name);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (connected) await ((IHostedService)client).StopAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "connected to the cluster")]
    private static partial void LogConnected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "stopped before reaching the cluster ({Type})")]
    private static partial void LogGaveUp(ILogger logger, string type);
}
