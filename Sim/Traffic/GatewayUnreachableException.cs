namespace Botify.Sim.Traffic;

/// <summary>The gateway did not answer the start-up probe; the message is the one line the user sees.</summary>
public sealed class GatewayUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
