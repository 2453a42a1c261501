using System.Globalization;
using StackExchange.Redis;

namespace Botify.Ops.Bench;

/// <summary>Redis' own memory figures: `INFO memory` used_memory and `MEMORY USAGE` of one key.</summary>
public static class RedisMemory
{
    public static async Task<long> UsedAsync(IServer server)
    {
        var info = await server.InfoAsync("memory");
        foreach (var group in info)
        {
            foreach (var pair in group)
            {
                if (pair.Key == "used_memory") return long.Parse(pair.Value, CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    /// <summary>Bytes the key and its value take (`MEMORY USAGE key SAMPLES 0`: every field counted), 0 when it does not exist.</summary>
    public static async Task<long> UsageAsync(IDatabase database, RedisKey key)
    {
        var result = await database.ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "0");
        return result.IsNull ? 0 : (long)result;
    }
}
