using System.Collections.Concurrent;
using System.Diagnostics;

namespace Botify.Cluster.Tests;

/// <summary>A standalone cluster silo as its own process (`dotnet Silo.dll`, the build's output), so a test can kill it hard (SIGKILL).</summary>
internal sealed class ClusterSiloProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();

    public ClusterSiloProcess(string redis, string clusterId)
    {
        HealthPort = FreePort.Next();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Release|Debug>/net10.0
        var silo = Path.Combine(RepositoryRoot.Path, "Silo", "bin", configuration, "net10.0", "Silo.dll");
        if (!File.Exists(silo)) throw new InvalidOperationException($"{silo} is missing: build the solution first (./test.sh does)");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            silo, "--redis", redis, "--Botify:ClusterId", clusterId, "--Botify:ServiceId", clusterId, "--silo-port", FreePort.Next().ToString(),
            "--gateway-port", FreePort.Next().ToString(), "--dashboard-port", HealthPort.ToString(), "--dashboard", "false",
        })
        {
            start.ArgumentList.Add(arg);
        }
        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet Silo.dll did not start");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The port of the silo's `GET /health`.</summary>
    public int HealthPort { get; }

    public string Output => string.Join("\n", lines);

    public async Task WaitReadyAsync(TimeSpan limit)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (process.HasExited) throw new Xunit.Sdk.XunitException($"the silo exited with {process.ExitCode}:\n{Output}");
            try
            {
                using var health = await http.GetAsync($"http://127.0.0.1:{HealthPort}/health");
                if (health.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        throw new Xunit.Sdk.XunitException($"the silo was not healthy within {limit.TotalSeconds} s:\n{Output}");
    }

    /// <summary>SIGKILL: the silo vanishes without leaving the cluster, as a crashed machine would.</summary>
    public void KillHard()
    {
        process.Kill();
        process.WaitForExit(5000);
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
}
