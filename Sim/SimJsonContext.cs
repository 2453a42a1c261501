using System.Text.Json.Serialization;
using Botify.Sim.Traffic;
using Botify.Sim.World;

namespace Botify.Sim;

/// <summary>Source-generated JSON for the simulator's own files (world manifest, run summary).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(WorldManifest))]
[JsonSerializable(typeof(RunSummary))]
internal sealed partial class SimJsonContext : JsonSerializerContext;
