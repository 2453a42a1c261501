namespace Botify.Sim.Traffic;

/// <summary>The gateway's API as the simulator uses it: a start-up probe and one channel per concurrent session.</summary>
public interface IGatewayClient : IDisposable
{
    /// <summary>GET / once; throws <see cref="GatewayUnreachableException"/> (one-line message) when nothing answers.</summary>
    Task ProbeAsync(CancellationToken cancellation);

    /// <summary>A channel for one worker: one request in flight at a time.</summary>
    IGatewayChannel OpenChannel();
}
