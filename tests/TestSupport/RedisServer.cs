using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;
using Xunit;

namespace Botify.TestSupport;

/// <summary>
/// A throwaway redis-server on a free loopback port, for tests that talk to a real Redis.
/// Needs `redis-server` on PATH (./test.sh installs it). Can be stopped and started again
/// on the same port to simulate an outage; data is never saved to disk.
/// </summary>
public sealed class RedisServer : IAsyncLifetime, IDisposable
{
    private Process? process;

    public int Port { get; } = FreePort();

    /// <summary>"127.0.0.1:port", the form every --redis option takes.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        if (process is { HasExited: false }) return;
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed: run ./test.sh (it installs it) or `apt-get install redis-server`", e);
        }
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = await ConnectionMultiplexer.ConnectAsync($"{Address},connectTimeout=500");
                await probe.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"redis-server on port {Port} did not answer within 10 s");
    }

    /// <summary>Kills the server (as a crash would); <see cref="StartAsync"/> brings it back empty.</summary>
    public void Stop()
    {
        if (process is null) return;
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        process.Dispose();
        process = null;
    }

    public Task DisposeAsync()
    {
        Stop();
        return Task.CompletedTask;
    }

    public void Dispose() => Stop();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
