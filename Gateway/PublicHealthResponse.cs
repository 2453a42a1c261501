namespace Botify.Gateway;

/// <summary>`GET /health` on the public listener: ready or not, nothing about where state lives (the detailed answer is on the management listener).</summary>
public sealed record PublicHealthResponse(string Status);
