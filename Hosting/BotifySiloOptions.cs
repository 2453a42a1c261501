using Botify.Catalogs.Redis;

namespace Botify.Hosting;

/// <summary>
/// How a Botify silo is hosted, bound from the "Botify" configuration section
/// (appsettings.json, environment `Botify__Redis`, or the command-line switches of
/// <see cref="BotifySiloCommandLine"/>).
/// </summary>
public sealed class BotifySiloOptions
{
    public const string Section = "Botify";

    /// <summary>
    /// Redis for user state and catalogs: "HOST:PORT" or a StackExchange.Redis configuration string
    /// (`,password=…`, `,user=…`, `,ssl=true`); empty = in-memory storage. Never printed as given (it may hold the password).
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>PEM certificate of the authority that signed Redis' TLS certificate (`--redis-ca`, `BOTIFY_REDIS_CA`); implies TLS.</summary>
    public string? RedisCaFile { get; set; }

    /// <summary>PEM client certificate for a Redis that requires one (`--redis-cert`, `BOTIFY_REDIS_CERT`); implies TLS.</summary>
    public string? RedisCertificateFile { get; set; }

    /// <summary>PEM private key of <see cref="RedisCertificateFile"/> (`--redis-key`, `BOTIFY_REDIS_KEY`).</summary>
    public string? RedisKeyFile { get; set; }

    /// <summary>A folder of reference catalog files loaded at start (in-memory mode); empty = none.</summary>
    public string? Catalog { get; set; }

    /// <summary>
    /// The management listener, `--admin-urls URL[;URL…]` (e.g. http://127.0.0.1:5002): dashboard, detailed health and the
    /// other operator endpoints are served there only. Empty on a gateway = none served; on a standalone silo = http://127.0.0.1:{DashboardPort}.
    /// </summary>
    public string? AdminUrls { get; set; }

    /// <summary>Serve the Orleans dashboard (its grain profiler costs a little on every call).</summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>Silo-to-silo port of localhost clustering.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port of localhost clustering.</summary>
    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "botify";

    public string ServiceId { get; set; } = "botify";

    /// <summary>How long a grain call may take before it fails (so a Redis outage answers quickly instead of hanging).</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>True when user state and catalogs live in Redis.</summary>
    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);

    /// <summary>
    /// The Redis connection with its credentials and TLS files checked; null in memory mode. Throws <see cref="ArgumentException"/> naming the mistake.
    /// </summary>
    public RedisConnection? RedisConnection() =>
        UsesRedis ? Catalogs.Redis.RedisConnection.Create(Redis!, RedisCaFile, RedisCertificateFile, RedisKeyFile) : null;
}
