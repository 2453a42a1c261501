namespace Botify.Catalogs.Redis;

/// <summary>Where and how catalogs live in Redis (bound from the `Catalog` configuration section).</summary>
public sealed class RedisCatalogOptions
{
    /// <summary>Every catalog key starts with this prefix.</summary>
    public string KeyPrefix { get; set; } = "botify:catalog";

    /// <summary>Published versions kept in Redis (the current one included); older ones are deleted after a publish.</summary>
    public int KeepVersions { get; set; } = 3;

    /// <summary>Largest value written to one Redis key; bigger parts are split into chunks.</summary>
    public int ChunkBytes { get; set; } = 1 << 20;

    /// <summary>Parts of a version being written expire after this unless the publish completes, so an interrupted publish leaves no garbage.</summary>
    public TimeSpan PendingTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Pub/sub channel announcing a newly current version (the message is the version).</summary>
    public string Channel => KeyPrefix + ":published";
}
