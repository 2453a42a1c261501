namespace Botify.Gateway;

/// <summary>The body of `POST /next/{user}` and `POST /last/{user}`: the track played and the share of it listened to (0..1).</summary>
public readonly record struct PlayBody(int Track, double Time);
