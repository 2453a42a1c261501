namespace Botify.Ops.Service;

/// <summary>The part of `GET /user/{user}` the failover check reads: the user's persisted history, oldest first.</summary>
public sealed record UserAnswer(long User, int[] History, string Method, int FailCount);
