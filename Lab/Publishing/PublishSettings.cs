namespace Botify.Lab.Publishing;

/// <summary>
/// What `lab publish` was asked to do (its command-line options). <see cref="Redis"/> is a StackExchange.Redis
/// configuration string that may hold the password: it is never printed (<c>RedisConnection.Display</c> is).
/// </summary>
public sealed record PublishSettings(string Redis, string Data, int KeepVersions = 3, int MaxLineBytes = 1 << 20, string KeyPrefix = "botify:catalog",
    string? RedisCaFile = null, string? RedisCertificateFile = null, string? RedisKeyFile = null)
{
    /// <summary>A publish of <paramref name="data"/> to an already checked connection (credentials and TLS files carried over).</summary>
    public static PublishSettings To(Catalogs.Redis.RedisConnection redis, string data) =>
        new(redis.Configuration, data, RedisCaFile: redis.CaFile, RedisCertificateFile: redis.CertificateFile, RedisKeyFile: redis.KeyFile);
}
