using Botify.Catalogs.Redis;
using Botify.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace Botify.Hosting;

/// <summary>
/// Where user state lives (<see cref="UserStorage.Name"/>): with Redis, `{serviceId}/state/user/{id}` holds the compact record of
/// <see cref="Botify.Contracts.Listening.UserRecord"/> (README "Redis layout" reads one by hand), written by <see cref="RedisUserStateStore"/>;
/// without it, Orleans' memory grain storage behind <see cref="GrainStorageUserStateStore"/>. ETag conflicts surface as
/// <see cref="InconsistentStateException"/>; nothing swallows them.
/// </summary>
public static class UserStateStorage
{
    /// <summary>
    /// Adds the user grain's Redis store and Orleans' Redis grain storage (for the other grains' state) on <paramref name="redisConnection"/>
    /// (credentials and TLS included), or in-memory grain storage when it is null.
    /// </summary>
    public static ISiloBuilder AddUserStateStorage(this ISiloBuilder silo, RedisConnection? redisConnection)
    {
        if (redisConnection is null)
        {
            return silo.AddMemoryGrainStorage(UserStorage.Name, options => options.GrainStorageSerializer = CreateSerializer());
        }
        // The user grain writes through its own store (no per-activation bridge); the grain storage stays for the experiment shards.
        silo.Services.AddSingleton<IUserStateStore>(provider => new RedisUserStateStore(RedisOptions(redisConnection),
            provider.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        return silo.AddRedisGrainStorage(UserStorage.Name, (OptionsBuilder<RedisStorageOptions> storage) =>
            storage.Configure<IOptions<ClusterOptions>>((options, cluster) =>
            {
                options.ConfigurationOptions = RedisOptions(redisConnection);
                options.GrainStorageSerializer = CreateSerializer();
                var serviceId = cluster.Value.ServiceId;
                options.GetStorageKey = (stateName, grainId) => StorageKey(serviceId, stateName, grainId);
            }));
    }

    private static ConfigurationOptions RedisOptions(RedisConnection connection)
    {
        var redis = connection.Options();
        // Keep retrying a Redis that is down at start or restarts: requests fail meanwhile, the silo does not.
        redis.AbortOnConnectFail = false;
        // Redis replies continue on the .NET thread pool instead of a hop through 10 dedicated threads (fewer context switches on few cores).
        redis.SocketManager = SocketManager.ThreadPool;
        return redis;
    }

    /// <summary>
    /// "{serviceId}/state/user/{decimal id}" for user grains, so `redis-cli HGET botify/state/user/17 data`
    /// finds a user by the id clients use; Orleans' own "{serviceId}/state/{grainId}/{stateName}" for anything else.
    /// </summary>
    public static string StorageKey(string serviceId, string stateName, GrainId grainId) =>
        grainId.Type.ToString() == UserGrain.TypeName && grainId.TryGetIntegerKey(out var user, out var extension) && extension is null
            ? $"{serviceId}/state/user/{user}"
            : $"{serviceId}/state/{grainId}/{stateName}";

    /// <summary>The serializer of user state (the compact record; other state types as System.Text.Json).</summary>
    public static IGrainStorageSerializer CreateSerializer()
    {
        var settings = new SystemTextJsonGrainStorageSerializerOptions();
        return new UserStateSerializer(new SystemTextJsonGrainStorageSerializer(Options.Create(settings)));
    }
}
