using Botify.Catalogs.Redis;
using StackExchange.Redis;

namespace Botify.Ops.Service;

/// <summary>
/// A Redis the operator named (`--redis`, `BOTIFY_REDIS`), with the TLS files of `BOTIFY_REDIS_CA`, `_CERT`, `_KEY`:
/// checked once with a real connection (credentials and TLS), and only ever printed as <see cref="RedisConnection.Display"/>.
/// </summary>
public static class ExternalRedis
{
    public const string CaVariable = "BOTIFY_REDIS_CA";
    public const string CertificateVariable = "BOTIFY_REDIS_CERT";
    public const string KeyVariable = "BOTIFY_REDIS_KEY";

    /// <summary>The connection; a bad string or a missing file is an <see cref="OpsException"/> that never repeats the string.</summary>
    public static RedisConnection From(string configuration)
    {
        try
        {
            return RedisConnection.Create(configuration, Variable(CaVariable), Variable(CertificateVariable), Variable(KeyVariable));
        }
        catch (ArgumentException e)
        {
            throw new OpsException(e.Message);
        }
    }

    /// <summary>Null when Redis answers PING with these credentials; else what failed (unreachable, authentication, TLS).</summary>
    public static async Task<string?> ProblemAsync(RedisConnection redis, CancellationToken cancellation = default)
    {
        var options = redis.Options();
        options.ConnectTimeout = 3000;
        options.ConnectRetry = 1;
        options.AbortOnConnectFail = true;
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(TimeSpan.FromSeconds(10), cancellation);
            await connection.GetDatabase().PingAsync();
            return null;
        }
        catch (RedisConnectionException e) when (e.FailureType == ConnectionFailureType.AuthenticationFailure)
        {
            return $"Redis at {redis.Display} refused the credentials or the TLS handshake; check password=/user= and {CaVariable}/{CertificateVariable}";
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return $"no Redis answers at {redis.Display}";
        }
    }

    private static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
