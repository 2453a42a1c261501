using System.Text.Json.Serialization;

namespace Botify.Gateway;

/// <summary>`GET /experiments`: the configured experiments, their arms' recommenders, and the aggregate's shard count (0 = off).</summary>
public sealed record ExperimentListResponse(
    [property: JsonPropertyName("experiments")] ExperimentSummaryResponse[] Experiments,
    [property: JsonPropertyName("shards")] int Shards);
