namespace Botify.Gateway;

/// <summary>The HTTP gateway's limits and choices, bound from "Botify:Gateway".</summary>
public sealed class GatewayOptions
{
    public const string Section = "Botify:Gateway";

    /// <summary>Longest accepted request body; larger bodies get 413.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How long a grain call may take before the client gets 503 instead of waiting.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// A grain call that failed because its silo is gone is repeated once this long after it began (sooner is useless:
    /// the cluster needs about a second to declare a killed silo dead and place its users elsewhere).
    /// </summary>
    public TimeSpan SiloRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The per-track table whose row `GET /track/{track}` shows as "recommendations" (falls back to the first per-track table by name).</summary>
    public string TrackTable { get; set; } = "contextual";

    /// <summary>Response header carrying the recommender that chose a `/next` answer (empty = not sent).</summary>
    public string RecommenderHeader { get; set; } = "X-Botify-Recommender";

    /// <summary>Grain-calling requests (`/next`, `/last`, `/user`) served at once; more wait in the queue (128 + 256 drain in about a second even on
    /// a busy 2-core machine).</summary>
    public int MaxConcurrentCalls { get; set; } = 128;

    /// <summary>Requests waiting for a slot; beyond this a request is answered 503 at once, so overload is shed, not hoarded.</summary>
    public int CallQueueLimit { get; set; } = 256;

    /// <summary>Confidence level of both intervals of `GET /experiments/{name}` (as `Lab ab --confidence`).</summary>
    public double ExperimentConfidence { get; set; } = 0.95;

    /// <summary>
    /// The always-valid interval's tuning parameter: users in the two arms compared at which it is narrowest
    /// (<see cref="Botify.Contracts.AbTesting.AlwaysValidInterval.DefaultPlannedUsers"/>).
    /// </summary>
    public int ExperimentPlannedUsers { get; set; } = Botify.Contracts.AbTesting.AlwaysValidInterval.DefaultPlannedUsers;

    /// <summary>How often `GET /experiments/{name}/view` reloads its figures.</summary>
    public TimeSpan ExperimentViewRefresh { get; set; } = TimeSpan.FromSeconds(2);
}
