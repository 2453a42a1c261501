using Botify.Grains;
using Microsoft.Extensions.Options;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace Botify.Silo;

/// <summary>
/// The grain storage of user state (<see cref="UserStorage.Name"/>), serialised as System.Text.Json
/// so `redis-cli HGET "{serviceId}/state/user/{id}/user" data` shows readable JSON. ETag conflicts
/// surface as <see cref="InconsistentStateException"/> from WriteStateAsync; nothing swallows them.
/// </summary>
public static class UserStateStorage
{
    /// <summary>
    /// Adds Orleans' Redis grain storage at <paramref name="redisAddress"/> ("host:port" or any
    /// StackExchange.Redis configuration string), or in-memory grain storage when it is null or empty.
    /// </summary>
    public static ISiloBuilder AddUserStateStorage(this ISiloBuilder silo, string? redisAddress)
    {
        if (string.IsNullOrWhiteSpace(redisAddress))
        {
            return silo.AddMemoryGrainStorage(UserStorage.Name, options => options.GrainStorageSerializer = CreateSerializer());
        }
        return silo.AddRedisGrainStorage(UserStorage.Name, options =>
        {
            var redis = ConfigurationOptions.Parse(redisAddress);
            // Keep retrying a Redis that is down at start or restarts: requests fail meanwhile, the silo does not.
            redis.AbortOnConnectFail = false;
            options.ConfigurationOptions = redis;
            options.GrainStorageSerializer = CreateSerializer();
        });
    }

    /// <summary>The JSON serializer of user state (property names come from UserState's attributes).</summary>
    public static IGrainStorageSerializer CreateSerializer()
    {
        var settings = new SystemTextJsonGrainStorageSerializerOptions();
        return new SystemTextJsonGrainStorageSerializer(Options.Create(settings));
    }
}
