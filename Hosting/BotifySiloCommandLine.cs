using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace Botify.Hosting;

/// <summary>
/// The short command-line switches (`--redis`, `--catalog`, `--log-dir`, `--instance`, ...)
/// and the `BOTIFY_REDIS*` environment variables, mapped onto configuration keys so options
/// classes bind them like any appsettings.json value.
/// </summary>
public static class BotifySiloCommandLine
{
    /// <summary>
    /// Environment variables that configure Redis (the password travels in `BOTIFY_REDIS`, out of
    /// the process's command line, which every local user can read).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> EnvironmentMappings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["BOTIFY_REDIS"] = "Botify:Redis",
        ["BOTIFY_REDIS_CA"] = "Botify:RedisCaFile",
        ["BOTIFY_REDIS_CERT"] = "Botify:RedisCertificateFile",
        ["BOTIFY_REDIS_KEY"] = "Botify:RedisKeyFile",
    };

    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["--redis"] = "Botify:Redis",
        ["--redis-ca"] = "Botify:RedisCaFile",
        ["--redis-cert"] = "Botify:RedisCertificateFile",
        ["--redis-key"] = "Botify:RedisKeyFile",
        ["--admin-urls"] = "Botify:AdminUrls",
        ["--cluster-tls-cert"] = "Botify:ClusterTls:CertificateFile",
        ["--cluster-tls-key"] = "Botify:ClusterTls:KeyFile",
        ["--cluster-tls-ca"] = "Botify:ClusterTls:CaFile",
        ["--catalog"] = "Botify:Catalog",
        ["--dashboard"] = "Botify:Dashboard",
        ["--silo-port"] = "Botify:SiloPort",
        ["--gateway-port"] = "Botify:GatewayPort",
        ["--dashboard-port"] = "Botify:DashboardPort",
        ["--advertise"] = "Botify:AdvertisedAddress",
        ["--cluster"] = "Botify:Cluster",
        ["--log-dir"] = "Botify:EventLog:Directory",
        ["--instance"] = "Botify:EventLog:Instance",
        ["--log-max-bytes"] = "Botify:EventLog:MaxFileBytes",
        ["--log-layout"] = "Botify:EventLog:Layout",
        ["--log-backups"] = "Botify:EventLog:Backups",
        ["--log-retain-files"] = "Botify:EventLog:RetainFiles",
        ["--log-retain-bytes"] = "Botify:EventLog:RetainBytes",
        ["--log-queue"] = "Botify:EventLog:QueueCapacity",
    };

    /// <summary>
    /// Adds the `BOTIFY_REDIS*` variables and the mapped switches on top of the existing sources (command line wins),
    /// and the appsettings.json beside the binary underneath them, so any working directory works.
    /// </summary>
    public static IConfigurationBuilder AddBotifyCommandLine(this IConfigurationBuilder configuration, string[] args)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (File.Exists(beside))
        {
            var json = new JsonConfigurationSource { Path = beside, Optional = true };
            json.ResolveFileProvider();
            configuration.Sources.Insert(0, json);
        }

        var fromEnvironment = new List<KeyValuePair<string, string?>>();
        foreach (var (variable, key) in EnvironmentMappings)
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrWhiteSpace(value)) fromEnvironment.Add(new(key, value));
        }
        if (fromEnvironment.Count > 0) configuration.AddInMemoryCollection(fromEnvironment);
        return configuration.AddCommandLine(args, new Dictionary<string, string>(SwitchMappings, StringComparer.OrdinalIgnoreCase));
    }
}
