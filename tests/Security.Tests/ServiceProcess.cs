using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Botify.Security.Tests;

/// <summary>
/// One real process (`dotnet X.dll …` or any command) whose stdout and stderr are kept whole, for tests that
/// read every line a process printed. Stopped with SIGTERM (its shutdown lines are output too), SIGKILL after 20 s.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();

    private ServiceProcess(Process process, string name)
    {
        this.process = process;
        Name = name;
    }

    public string Name { get; }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public string Stdout
    {
        get { lock (stdout) return stdout.ToString(); }
    }

    public string Stderr
    {
        get { lock (stderr) return stderr.ToString(); }
    }

    /// <summary>
    /// Starts <paramref name="file"/> with <paramref name="args"/>; <paramref name="environment"/> adds to (or, with null values, removes from) this
    /// process's variables.
    /// </summary>
    public static ServiceProcess Start(string name, string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var variable in new[] { "BOTIFY_REDIS", "BOTIFY_REDIS_CA", "BOTIFY_REDIS_CERT", "BOTIFY_REDIS_KEY" }) start.Environment.Remove(variable);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var service = new ServiceProcess(process, name);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (service.stdout) service.stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (service.stderr) service.stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>`dotnet DLL args`.</summary>
    public static ServiceProcess Dotnet(string name, string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null) =>
        Start(name, "dotnet", new[] { dll }.Concat(args), environment);

    /// <summary>Runs to the end (a command such as `Lab publish`) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Name} did not finish within {timeout.TotalSeconds:F0} s:\n{Stdout}\n{Stderr}");
        }
        process.WaitForExit(); // drains the output readers
        return process.ExitCode;
    }

    /// <summary>
    /// Waits until GET <paramref name="url"/> answers <paramref name="status"/>; fails with the process's output when it exits or the time runs out.
    /// </summary>
    public async Task WaitForAsync(string url, HttpStatusCode status = HttpStatusCode.OK, TimeSpan? timeout = null)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(120);
        while (clock.Elapsed < limit)
        {
            if (process.HasExited) throw new InvalidOperationException($"{Name} exited with {process.ExitCode} before {url} answered:\n{Stdout}\n{Stderr}");
            try
            {
                using var response = await http.GetAsync(url);
                if (response.StatusCode == status) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{Name}: {url} did not answer {(int)status} within {limit.TotalSeconds:F0} s:\n{Stdout}\n{Stderr}");
    }

    /// <summary>SIGTERM, then SIGKILL after 20 s; returns once the process is gone and its output drained.</summary>
    public async Task StopAsync()
    {
        if (process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) await kill.WaitForExitAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }
        process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
