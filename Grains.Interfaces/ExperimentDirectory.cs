namespace Botify.Grains;

/// <summary>The configured experiments (configuration order) and the shard count of every experiment's live aggregate (0 = live aggregation off).</summary>
[GenerateSerializer, Immutable]
public sealed record ExperimentDirectory(
    [property: Id(0)] ExperimentDescription[] Experiments,
    [property: Id(1)] int Shards);
