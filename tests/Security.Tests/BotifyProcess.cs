namespace Botify.Security.Tests;

/// <summary>A gateway or silo process started on free ports, with its public and management URLs and event-log folder.</summary>
internal sealed class BotifyProcess : IAsyncDisposable
{
    private BotifyProcess(ServiceProcess process, string? publicUrl, string adminUrl, string? logDirectory)
    {
        Process = process;
        PublicUrl = publicUrl;
        AdminUrl = adminUrl;
        LogDirectory = logDirectory;
    }

    public ServiceProcess Process { get; }

    /// <summary>The botify API (null for a silo, which has none).</summary>
    public string? PublicUrl { get; }

    /// <summary>The `--admin-urls` listener (a silo's dashboard and health).</summary>
    public string AdminUrl { get; }

    public string? LogDirectory { get; }

    /// <summary>
    /// `dotnet Gateway.dll`, single machine unless <paramref name="args"/> say `--cluster`; with a management listener
    /// (`--admin-urls`) on a free loopback port unless <paramref name="management"/> is false.
    /// </summary>
    public static BotifyProcess Gateway(string name, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null,
        bool management = true)
    {
        var port = ServiceProcess.FreePort();
        var admin = ServiceProcess.FreePort();
        var logs = Directory.CreateTempSubdirectory("botify-security-log-").FullName;
        var all = new List<string>
        {
            "--urls", $"http://127.0.0.1:{port}",
            "--silo-port", ServiceProcess.FreePort().ToString(), "--gateway-port", ServiceProcess.FreePort().ToString(),
            "--log-dir", logs, "--instance", name,
        };
        if (management) all.AddRange(["--admin-urls", $"http://127.0.0.1:{admin}"]);
        all.AddRange(args);
        var process = ServiceProcess.Dotnet(name, Binaries.Gateway, all, environment);
        return new BotifyProcess(process, $"http://127.0.0.1:{port}", $"http://127.0.0.1:{admin}", logs);
    }

    /// <summary>`dotnet Silo.dll` of cluster <paramref name="clusterId"/>.</summary>
    public static BotifyProcess Silo(string name, string clusterId, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var admin = ServiceProcess.FreePort();
        var all = new List<string>
        {
            "--admin-urls", $"http://127.0.0.1:{admin}", "--silo-port", ServiceProcess.FreePort().ToString(),
            "--gateway-port", ServiceProcess.FreePort().ToString(), "--Botify:ClusterId", clusterId, "--Botify:ServiceId", clusterId,
        };
        all.AddRange(args);
        return new BotifyProcess(ServiceProcess.Dotnet(name, Binaries.Silo, all, environment), null, $"http://127.0.0.1:{admin}", null);
    }

    /// <summary>`dotnet Lab.dll publish --data DIR …` to the end; returns the finished process (its exit code and output).</summary>
    public static async Task<(int Code, ServiceProcess Process)> PublishAsync(string name, string catalog, IEnumerable<string> args,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var process = ServiceProcess.Dotnet(name, Binaries.Lab, new[] { "publish", "--data", catalog }.Concat(args), environment);
        var code = await process.WaitForExitAsync(TimeSpan.FromMinutes(3));
        return (code, process);
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
