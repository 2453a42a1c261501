using Botify.Catalogs.Redis;
using Botify.Ops.Service;
using Botify.Ops.Tools;

namespace Botify.Ops.Processes;

/// <summary>
/// The one place that turns "a gateway", "a silo", "Redis", "nginx", "the ceiling endpoint" into a command line. Every start of
/// the run, cluster and bench commands goes through here, so an option every gateway or silo needs is one line.
/// </summary>
public static class ServiceLauncher
{
    /// <summary>
    /// Children get their storage from <see cref="WithRedis"/> only: an inherited BOTIFY_REDIS (or its TLS files) would override an in-memory
    /// run or a throwaway Redis.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string?> ServiceEnvironment = new Dictionary<string, string?>
    {
        ["BOTIFY_REDIS"] = null,
        [ExternalRedis.CaVariable] = null,
        [ExternalRedis.CertificateVariable] = null,
        [ExternalRedis.KeyVariable] = null,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    /// <summary>The `dotnet` host running this command (so children use the same runtime), else the one on PATH.</summary>
    public static string Dotnet { get; } =
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";

    public static ProcessSpec Gateway(string name, GatewayLaunch launch, string log, bool detached = false)
    {
        List<string> args = [launch.Assembly];
        if (launch.Cluster) args.Add("--cluster");
        args.AddRange(["--urls", launch.Url, "--admin-urls", launch.AdminUrl, "--log-dir", launch.LogDirectory, "--instance", launch.Instance]);
        if (launch.Catalog is { } catalog) args.AddRange(["--catalog", catalog]);
        if (launch.SiloPort is { } siloPort) args.AddRange(["--silo-port", siloPort.ToString()]);
        if (launch.OrleansGatewayPort is { } gatewayPort) args.AddRange(["--gateway-port", gatewayPort.ToString()]);
        args.AddRange(launch.Extra);
        return new ProcessSpec(name, Dotnet, args, log, "Gateway.dll") { Detached = detached, Environment = WithRedis(launch.Redis) };
    }

    public static ProcessSpec Silo(string name, SiloLaunch launch, string log, bool detached = false)
    {
        string[] args =
        [
            launch.Assembly, "--silo-port", launch.SiloPort.ToString(), "--gateway-port", launch.OrleansGatewayPort.ToString(),
            "--admin-urls", $"http://127.0.0.1:{launch.AdminPort}",
        ];
        return new ProcessSpec(name, Dotnet, args, log, "Silo.dll") { Detached = detached, Environment = WithRedis(launch.Redis) };
    }

    // The Redis configuration string may hold the password: it travels in the environment (readable by the same user only).
    private static IReadOnlyDictionary<string, string?> WithRedis(RedisConnection? redis)
    {
        if (redis is null) return ServiceEnvironment;
        return new Dictionary<string, string?>(ServiceEnvironment)
        {
            ["BOTIFY_REDIS"] = redis.Configuration,
            [ExternalRedis.CaVariable] = redis.CaFile,
            [ExternalRedis.CertificateVariable] = redis.CertificateFile,
            [ExternalRedis.KeyVariable] = redis.KeyFile,
        };
    }

    /// <summary>A throwaway redis-server: loopback only, nothing saved to disk.</summary>
    public static ProcessSpec Redis(string name, int port, string directory, string log, bool detached = false)
    {
        Directory.CreateDirectory(directory);
        string[] args = ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no", "--dir", directory];
        return new ProcessSpec(name, DebianTools.RedisServer, args, log, "redis-server") { Detached = detached };
    }

    /// <summary>nginx in the foreground (its master's pid is the one recorded) with the given configuration file.</summary>
    public static ProcessSpec Nginx(string name, string nginx, string prefix, string config, string log, bool detached = false)
    {
        string[] args = ["-p", prefix, "-c", config, "-g", "daemon off;"];
        return new ProcessSpec(name, nginx, args, log, "nginx") { Detached = detached };
    }

    /// <summary>The benchmark's ceiling: a bare Kestrel endpoint of POST /next's shape (bench/Ceiling).</summary>
    public static ProcessSpec Ceiling(string assembly, string url, string log) =>
        new("ceiling", Dotnet, [assembly, "--urls", url], log, "Ceiling.dll") { Environment = ServiceEnvironment };
}
