using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Botify.Gateway.Tests;

/// <summary>
/// The gateway as its own process (`dotnet Gateway.dll`, single-machine mode, in-memory storage) on free ports, for
/// what only a real process shows: a SIGTERM and how long it takes to exit, what it prints.
/// </summary>
internal sealed class GatewayProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();

    public GatewayProcess(params string[] arguments)
    {
        Port = FreePort();
        AdminPort = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Gateway.dll"));
        string[] own =
        [
            "--urls", $"http://127.0.0.1:{Port}", "--admin-urls", $"http://127.0.0.1:{AdminPort}",
            "--silo-port", FreePort().ToString(), "--gateway-port", FreePort().ToString(), "--dashboard", "false",
        ];
        foreach (var arg in own)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var arg in arguments) start.ArgumentList.Add(arg);
        start.Environment["BOTIFY_REDIS"] = "";
        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet Gateway.dll did not start");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    /// <summary>The management listener (`--admin-urls`): the detailed `/health`, `/user/{user}`.</summary>
    public int AdminPort { get; }

    /// <summary>Everything it printed so far (stdout and stderr).</summary>
    public string Output => string.Join("\n", lines);

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public HttpClient Http() => new() { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(10) };

    public HttpClient AdminHttp() => new() { BaseAddress = new Uri($"http://127.0.0.1:{AdminPort}"), Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Waits until `GET /health` answers 200.</summary>
    public async Task WaitReadyAsync(TimeSpan limit)
    {
        using var http = Http();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (process.HasExited) throw new Xunit.Sdk.XunitException($"the gateway exited with {process.ExitCode}:\n{Output}");
            try
            {
                using var health = await http.GetAsync("/health");
                if (health.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new Xunit.Sdk.XunitException($"the gateway was not ready within {limit.TotalSeconds} s:\n{Output}");
    }

    /// <summary>Sends SIGTERM (what `docker stop` and systemd send) and waits for the exit; the time it took, or null if it did not exit.</summary>
    public TimeSpan? Terminate(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) kill.WaitForExit();
        if (!process.WaitForExit(limit)) return null;
        process.WaitForExit(); // drains the output readers
        return clock.Elapsed;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
