using Botify.Contracts.Listening;
using Orleans.Storage;

namespace Botify.Hosting;

/// <summary>
/// The grain storage serializer of user state: <see cref="UserState"/> is written as the compact record of <see cref="UserRecord"/>
/// (format 2) and read from format 2 or from the JSON of format 1 that earlier versions stored; any other state type goes through
/// <paramref name="fallback"/>.
/// </summary>
public sealed class UserStateSerializer(IGrainStorageSerializer fallback) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) =>
        input is UserState state ? new BinaryData(UserRecord.Write(state)) : fallback.Serialize(input);

    public T? Deserialize<T>(BinaryData input) =>
        typeof(T) == typeof(UserState) ? (T)(object)UserRecord.Read(input.ToMemory().Span) : fallback.Deserialize<T>(input);
}
