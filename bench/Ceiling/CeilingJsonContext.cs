using System.Text.Json.Serialization;

namespace Botify.Bench.Ceiling;

/// <summary>Source-generated JSON for the ceiling endpoint (no reflection on the measured path).</summary>
[JsonSerializable(typeof(CeilingPlay))]
[JsonSerializable(typeof(CeilingAnswer))]
internal sealed partial class CeilingJsonContext : JsonSerializerContext;
