using System.Globalization;
using Botify.Contracts.Listening;
using Botify.Grains;
using Orleans.Persistence.Redis;
using Orleans.Storage;
using StackExchange.Redis;

namespace Botify.Hosting;

/// <summary>
/// User state in Redis, written by the user grain without Orleans' grain-storage bridge: the hash `{serviceId}/state/user/{id}` with the
/// fields `data` (the compact record of <see cref="UserRecord"/>; format-1 JSON still reads) and `etag` — the layout Orleans' Redis grain
/// storage used before, so records it wrote load, and one Lua script compares the ETag and writes in one step, as it did. The new ETag
/// is a random 64-bit number (<see cref="UserStateVersion"/>) instead of a GUID string per write. A Redis failure surfaces as
/// <see cref="RedisStorageException"/> naming the key, a lost ETag race as <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class RedisUserStateStore : IUserStateStore, IAsyncDisposable
{
    // Same condition as Orleans' Redis grain storage: no record and no expected ETag, or the expected one.
    private const string WriteScript = """
        local etag = redis.call('HGET', KEYS[1], 'etag')
        if ((not etag or etag == '') and ARGV[1] == '') or etag == ARGV[1] then
          redis.call('HSET', KEYS[1], 'etag', ARGV[2], 'data', ARGV[3])
          return 0
        end
        return -1
        """;

    private static readonly RedisValue[] Fields = ["etag", "data"];

    private readonly Task<ConnectionMultiplexer> connecting;
    private readonly string keyPrefix;

    /// <summary>Connects (in the background; Redis may still be down) with <paramref name="options"/>; keys under <paramref name="serviceId"/>.</summary>
    public RedisUserStateStore(ConfigurationOptions options, string serviceId)
    {
        connecting = ConnectionMultiplexer.ConnectAsync(options);
        keyPrefix = $"{serviceId}/state/user/";
    }

    /// <summary>The key of <paramref name="user"/>'s record (what `redis-cli HGET KEY data` reads).</summary>
    public string KeyOf(long user) => keyPrefix + user.ToString(CultureInfo.InvariantCulture);

    public async Task<(UserState State, UserStateVersion Version)> ReadAsync(long user)
    {
        var key = KeyOf(user);
        RedisValue[] values;
        try
        {
            values = await (await connecting).GetDatabase().HashGetAsync(key, Fields);
        }
        catch (Exception e)
        {
            throw Failure("read", key, e);
        }
        if (values[1].IsNullOrEmpty) return (new UserState(), Version(values[0]));
        return (UserRecord.Read(((ReadOnlyMemory<byte>)values[1]).Span), Version(values[0]));
    }

    public async Task<UserStateVersion> WriteAsync(long user, UserState state, UserStateVersion expected)
    {
        var key = KeyOf(user);
        var next = UserStateVersion.Next();
        RedisResult result;
        try
        {
            result = await (await connecting).GetDatabase().ScriptEvaluateAsync(WriteScript, [key],
                [expected.Text ?? (expected.Number == 0 ? RedisValue.EmptyString : expected.Number), next.Number, UserRecord.Write(state)]);
        }
        catch (Exception e)
        {
            throw Failure("write", key, e);
        }
        if ((int)result == -1)
        {
            throw new InconsistentStateException($"user state at {key} changed since it was read (ETag {expected} expected): another writer or a lost record; "
                + "the grain reloads it and a retry with the same request id is safe");
        }
        return next;
    }

    public async ValueTask DisposeAsync()
    {
        if (connecting.IsCompletedSuccessfully) await connecting.Result.DisposeAsync();
    }

    // A stored ETag this store wrote is a number; any other text (Orleans' GUIDs) is compared as it is.
    private static UserStateVersion Version(RedisValue etag) =>
        etag.IsNullOrEmpty ? UserStateVersion.None
        : long.TryParse((string?)etag, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? new UserStateVersion(number)
        : new UserStateVersion(0, etag);

    private static RedisStorageException Failure(string what, string key, Exception e) =>
        new($"could not {what} the user state at {key} in Redis ({e.GetType().Name}: {e.Message}); check that Redis is up and reachable");
}
