using System.Text.Json.Serialization;

namespace Botify.Contracts.EventLog;

/// <summary>Source-generated JSON for event log lines; `recommendation` is written as null on "last" lines.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(LogEvent))]
public sealed partial class EventLogJsonContext : JsonSerializerContext;
