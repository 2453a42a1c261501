using Botify.Catalogs.Redis;

namespace Botify.Hosting;

/// <summary>What the running silo stores where, for the start banner and `GET /health` (Redis only in its password-free form).</summary>
public sealed record BotifySiloInfo(string Storage, RedisConnection? Redis, string? CatalogDirectory)
{
    /// <summary>One line saying where user state and catalogs live.</summary>
    public string Describe() => Redis is null
        ? $"botify: storage IN MEMORY (no --redis or BOTIFY_REDIS given): user state is lost at exit; catalog " +
            $"{(CatalogDirectory is null ? "empty (pass --catalog DIR to load reference files)" : $"from files in {CatalogDirectory}")}"
        : $"botify: storage in Redis at {Redis.Display}: user state and catalogs persist " +
            $"there{(CatalogDirectory is null ? "" : $"; --catalog {CatalogDirectory} is ignored (publish it with Lab publish)")}";
}
