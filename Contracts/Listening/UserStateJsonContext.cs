using System.Text.Json.Serialization;

namespace Botify.Contracts.Listening;

/// <summary>
/// Compile-time JSON metadata of <see cref="UserState"/>: the stored JSON is the same as the
/// reflection serializer's, written without reflection or boxing of the list elements on every request.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UserState))]
public sealed partial class UserStateJsonContext : JsonSerializerContext;
