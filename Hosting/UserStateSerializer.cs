using System.Text.Json;
using Botify.Contracts.Listening;
using Botify.Grains;
using Orleans.Storage;

namespace Botify.Hosting;

/// <summary>
/// The grain storage serializer of user state: <see cref="UserState"/> goes through the source-generated
/// <see cref="UserStateJsonContext"/> (written on every request, so no reflection); any other state type
/// through <paramref name="fallback"/>. Both write the same JSON, so stored state reads back either way.
/// </summary>
public sealed class UserStateSerializer(IGrainStorageSerializer fallback) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) =>
        input is UserState state
            ? new BinaryData(JsonSerializer.SerializeToUtf8Bytes(state, UserStateJsonContext.Default.UserState))
            : fallback.Serialize(input);

    public T? Deserialize<T>(BinaryData input) =>
        typeof(T) == typeof(UserState)
            ? (T)(object)(JsonSerializer.Deserialize(input.ToMemory().Span, UserStateJsonContext.Default.UserState)
                ?? throw new JsonException("stored user state is the JSON literal null; delete the key or write a state object"))
            : fallback.Deserialize<T>(input);
}
