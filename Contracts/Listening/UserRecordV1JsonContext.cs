using System.Text.Json.Serialization;

namespace Botify.Contracts.Listening;

/// <summary>Compile-time JSON metadata of the format-1 user record (<see cref="UserRecordV1"/>): old records load without reflection.</summary>
[JsonSerializable(typeof(UserRecordV1))]
public sealed partial class UserRecordV1JsonContext : JsonSerializerContext;
