namespace Botify.Hosting;

/// <summary>
/// How a Botify silo is hosted, bound from the "Botify" configuration section
/// (appsettings.json, environment `Botify__Redis`, or the command-line switches of
/// <see cref="BotifySiloCommandLine"/>).
/// </summary>
public sealed class BotifySiloOptions
{
    public const string Section = "Botify";

    /// <summary>Redis "host:port" for user state and catalogs; empty = in-memory storage.</summary>
    public string? Redis { get; set; }

    /// <summary>A folder of reference catalog files loaded at start (in-memory mode); empty = none.</summary>
    public string? Catalog { get; set; }

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
}
