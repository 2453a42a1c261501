using System.Text.Json;

namespace Botify.Ops.Cluster;

/// <summary>
/// Where the cluster's processes listen and keep their files. Ports from the base port B: Redis B, nginx B+1, gateway-i B+10+i,
/// silo-i B+20+i (silo port), B+30+i (Orleans gateway port), B+40+i (its admin listener: dashboard and /health), gateway-i's admin listener
/// B+50+i (/user, detailed /health; all admin listeners on loopback, never behind nginx). `up` records the layout in
/// DIR/cluster.json, so down, status and failover-check find the same cluster without repeating the options.
/// </summary>
public sealed record ClusterLayout(string Directory, int BasePort, int Silos, int Gateways)
{
    public const int DefaultBasePort = 7100;
    public const int DefaultSilos = 3;
    public const int DefaultGateways = 2;
    public const string LayoutFile = "cluster.json";

    public int RedisPort => BasePort;
    public int NginxPort => BasePort + 1;
    public string Redis => $"127.0.0.1:{RedisPort}";
    public string ServiceUrl => $"http://127.0.0.1:{NginxPort}";

    public string PidDirectory => Path.Combine(Directory, "pids");
    public string LogDirectory => Path.Combine(Directory, "logs");
    public string EventLogDirectory => Path.Combine(Directory, "log");
    public string SiloBinaries => Path.Combine(Directory, "bin", "silo");
    public string GatewayBinaries => Path.Combine(Directory, "bin", "gateway");
    public string NginxPrefix => Path.Combine(Directory, "nginx");
    public string NginxConfig => Path.Combine(Directory, "nginx.conf");

    public int GatewayPort(int i) => BasePort + 10 + i;
    public int SiloPort(int i) => BasePort + 20 + i;
    public int SiloGatewayPort(int i) => BasePort + 30 + i;
    public int DashboardPort(int i) => BasePort + 40 + i;
    public int GatewayAdminPort(int i) => BasePort + 50 + i;

    /// <summary>Every member in start order: Redis, the silos, the gateways, nginx.</summary>
    public IReadOnlyList<ClusterMember> Members()
    {
        List<ClusterMember> members = [new("redis", MemberKind.Redis, 0, RedisPort)];
        for (var i = 1; i <= Silos; i++) members.Add(new($"silo-{i}", MemberKind.Silo, i, DashboardPort(i), DashboardPort(i)));
        for (var i = 1; i <= Gateways; i++) members.Add(new($"gateway-{i}", MemberKind.Gateway, i, GatewayPort(i), GatewayAdminPort(i)));
        members.Add(new("nginx", MemberKind.Nginx, 0, NginxPort));
        return members;
    }

    /// <summary>Every port the cluster listens on, with its owner, for the "already in use" check.</summary>
    public IEnumerable<(int Port, string What)> Ports()
    {
        yield return (RedisPort, "redis");
        yield return (NginxPort, "nginx");
        for (var i = 1; i <= Gateways; i++)
        {
            yield return (GatewayPort(i), $"gateway-{i}");
            yield return (GatewayAdminPort(i), $"gateway-{i} (admin)");
        }
        for (var i = 1; i <= Silos; i++)
        {
            yield return (SiloPort(i), $"silo-{i} (silo port)");
            yield return (SiloGatewayPort(i), $"silo-{i} (gateway port)");
            yield return (DashboardPort(i), $"silo-{i} (admin: dashboard, health)");
        }
    }

    public void Save() =>
        File.WriteAllText(Path.Combine(Directory, LayoutFile),
            JsonSerializer.Serialize(new RecordedLayout(BasePort, Silos, Gateways), ClusterJsonContext.Default.RecordedLayout));

    /// <summary>
    /// The layout of the cluster in <paramref name="directory"/>: what was given on the command line, else what `up` recorded (not for
    /// `up` itself, which starts with the defaults), else the defaults.
    /// </summary>
    public static ClusterLayout Resolve(string directory, int? basePort, int? silos, int? gateways, bool useRecorded = true)
    {
        RecordedLayout? recorded = null;
        var file = Path.Combine(directory, LayoutFile);
        if (useRecorded && File.Exists(file))
        {
            try
            {
                recorded = JsonSerializer.Deserialize(File.ReadAllText(file), ClusterJsonContext.Default.RecordedLayout);
            }
            catch (JsonException e)
            {
                throw new OpsException($"{file} is not a cluster layout ({e.Message}); delete it or pass --base-port, --silos and --gateways");
            }
        }
        var layout = new ClusterLayout(directory, basePort ?? recorded?.BasePort ?? DefaultBasePort, silos ?? recorded?.Silos ?? DefaultSilos,
            gateways ?? recorded?.Gateways ?? DefaultGateways);
        if (layout.BasePort is < 1024 or > 65000)
            throw new OpsException($"--base-port {layout.BasePort}: pick a port between 1024 and 65000 (the cluster uses B..B+59)");
        if (layout.Silos is < 1 or > 9 || layout.Gateways is < 1 or > 9)
            throw new OpsException($"--silos {layout.Silos} and --gateways {layout.Gateways} must be 1..9");
        return layout;
    }
}
