using Botify.Catalogs.Redis;

namespace Botify.Hosting;

/// <summary>How a silo follows the current catalog in Redis.</summary>
public sealed class CatalogLoaderOptions
{
    /// <summary>Redis holding the catalogs, with its credentials and TLS files.</summary>
    public RedisConnection Redis { get; set; } = RedisConnection.Create("127.0.0.1:6379");

    /// <summary>How often `current` is read as a safety net for a missed pub/sub notification.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long start waits for the first load before leaving it to the background loop.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Key prefix, channel and chunking shared with the publisher.</summary>
    public RedisCatalogOptions Store { get; set; } = new();
}
