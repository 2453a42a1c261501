namespace Botify.Sim.Traffic;

/// <summary>Outcome of one request: the recommended track (for /next) or the error kind that ends the episode.</summary>
public readonly record struct GatewayReply(int Track, string? Error)
{
    public bool Ok => Error is null;
}
