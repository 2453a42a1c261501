using System.Text.Json.Serialization;

namespace Botify.Contracts.Listening;

/// <summary>One play of the user's current session: the track and the share of it they listened to.</summary>
public readonly record struct SessionPlay(
    [property: JsonPropertyName("track")] int Track,
    [property: JsonPropertyName("time")] double Time);
