namespace Botify.Ops.Cluster;

/// <summary>One probe request: user, when it was sent and answered (Unix ms), HTTP status (0 = no answer within the timeout).</summary>
public readonly record struct ProbeCall(long User, long SentMs, long DoneMs, int Status);
