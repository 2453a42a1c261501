using Botify.Contracts.Listening;

namespace Botify.Grains;

/// <summary>
/// Where <see cref="UserGrain"/> reads and writes its state: one instance per silo, so an activation holds only the state and the
/// <see cref="UserStateVersion"/> it read (Orleans' <c>IPersistentState</c> would cost each of up to a million activations a state facet,
/// a lifecycle subscription and a migration participant, ≈ 450 B, and its Redis provider allocates a new ETag string per write).
/// Redis when configured (Hosting's <c>RedisUserStateStore</c>), else the silo's grain storage <see cref="UserStorage.Name"/>
/// (<see cref="GrainStorageUserStateStore"/>, in memory).
/// </summary>
public interface IUserStateStore
{
    /// <summary>The stored state of <paramref name="user"/> (a new, empty one when nothing is stored) and its version.</summary>
    Task<(UserState State, UserStateVersion Version)> ReadAsync(long user);

    /// <summary>
    /// Stores <paramref name="state"/> if the stored version is still <paramref name="expected"/> (<see cref="UserStateVersion.None"/>: nothing
    /// stored) and returns the new version. Another version throws <see cref="Orleans.Storage.InconsistentStateException"/> and stores
    /// nothing; a storage failure throws and may or may not have stored it (the grain then reloads).
    /// </summary>
    Task<UserStateVersion> WriteAsync(long user, UserState state, UserStateVersion expected);
}
