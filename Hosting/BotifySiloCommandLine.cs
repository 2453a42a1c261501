using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace Botify.Hosting;

/// <summary>
/// The short command-line switches (`--redis`, `--catalog`, `--log-dir`, `--instance`, ...)
/// and the `BOTIFY_REDIS` environment variable, mapped onto configuration keys so options
/// classes bind them like any appsettings.json value.
/// </summary>
public static class BotifySiloCommandLine
{
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["--redis"] = "Botify:Redis",
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
    /// Adds `BOTIFY_REDIS` and the mapped switches on top of the existing sources (command line wins),
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

        var redis = Environment.GetEnvironmentVariable("BOTIFY_REDIS");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            configuration.AddInMemoryCollection([new KeyValuePair<string, string?>("Botify:Redis", redis)]);
        }
        return configuration.AddCommandLine(args, new Dictionary<string, string>(SwitchMappings, StringComparer.OrdinalIgnoreCase));
    }
}
