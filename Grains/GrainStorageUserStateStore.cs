using Botify.Contracts.Listening;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace Botify.Grains;

/// <summary>
/// <see cref="IUserStateStore"/> over the silo's grain storage <see cref="UserStorage.Name"/> (what a silo without Redis has: Orleans'
/// memory storage): same keys and ETag checks as a persistent-state facet would use, the ETag kept as <see cref="UserStateVersion.Text"/>.
/// </summary>
public sealed class GrainStorageUserStateStore(IServiceProvider services) : IUserStateStore
{
    private const string StateName = "user";

    private readonly IGrainStorage storage = services.GetRequiredKeyedService<IGrainStorage>(UserStorage.Name);

    public async Task<(UserState State, UserStateVersion Version)> ReadAsync(long user)
    {
        var record = new GrainState<UserState>(new UserState());
        await storage.ReadStateAsync(StateName, GrainOf(user), record);
        return (record.State ?? new UserState(), record.ETag is { } etag ? new UserStateVersion(0, etag) : UserStateVersion.None);
    }

    public async Task<UserStateVersion> WriteAsync(long user, UserState state, UserStateVersion expected)
    {
        var record = new GrainState<UserState>(state, expected.Text);
        await storage.WriteStateAsync(StateName, GrainOf(user), record);
        return new UserStateVersion(0, record.ETag);
    }

    private static GrainId GrainOf(long user) => GrainId.Create(GrainType.Create(UserGrain.TypeName), GrainIdKeyExtensions.CreateIntegerKey(user));
}
