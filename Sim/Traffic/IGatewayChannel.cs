namespace Botify.Sim.Traffic;

/// <summary>One worker's path to the gateway (its own buffers, and for the raw client its own connection).</summary>
public interface IGatewayChannel : IDisposable
{
    /// <summary>POST /next/{user} {"track","time"}: the recommended track, or the error that ends the episode.</summary>
    ValueTask<GatewayReply> NextAsync(int user, int track, double time, CancellationToken cancellation);

    /// <summary>POST /last/{user} {"track","time"}.</summary>
    ValueTask<GatewayReply> LastAsync(int user, int track, double time, CancellationToken cancellation);
}
