namespace Botify.Gateway;

/// <summary>The HTTP gateway's limits and choices, bound from "Botify:Gateway".</summary>
public sealed class GatewayOptions
{
    public const string Section = "Botify:Gateway";

    /// <summary>Longest accepted request body; larger bodies get 413.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How long a grain call may take before the client gets 503 instead of waiting.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The per-track table whose row `GET /track/{track}` shows as "recommendations" (falls back to the first per-track table by name).</summary>
    public string TrackTable { get; set; } = "contextual";

    /// <summary>Response header carrying the recommender that chose a `/next` answer (empty = not sent).</summary>
    public string RecommenderHeader { get; set; } = "X-Botify-Recommender";
}
