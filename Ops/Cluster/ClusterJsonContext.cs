using System.Text.Json.Serialization;

namespace Botify.Ops.Cluster;

/// <summary>Source-generated JSON for the cluster's own file (cluster.json).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(RecordedLayout))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;
