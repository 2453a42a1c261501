namespace Botify.Grains.Recommenders;

/// <summary>Where a user is in the session recommender's cycle: the current method and its consecutive failures.</summary>
public readonly record struct SessionPosition(string Method, int FailCount);
