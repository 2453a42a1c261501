using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Botify.Security.Tests;

/// <summary>
/// A throwaway redis-server on a free loopback port that requires a random password (`--requirepass`),
/// or an ACL user with one (the default user off), optionally on a TLS port with certificates made by the test.
/// </summary>
internal sealed class SecureRedis : IAsyncDisposable
{
    private readonly List<string> arguments;
    private Process? process;

    private SecureRedis(List<string> arguments, int port, string password, string? user, bool tls)
    {
        this.arguments = arguments;
        Port = port;
        Password = password;
        User = user;
        Tls = tls;
    }

    public int Port { get; }

    /// <summary>Random; a test fails if it appears anywhere a process printed or answered.</summary>
    public string Password { get; }

    public string? User { get; }

    public bool Tls { get; }

    /// <summary>The `--redis` / `BOTIFY_REDIS` value with the credentials.</summary>
    public string Configuration => $"127.0.0.1:{Port}{(User is null ? "" : $",user={User}")},password={Password}{(Tls ? ",ssl=true" : "")}";

    /// <summary>What a process may print for it instead: endpoint, user, `password=*****`.</summary>
    public string Display => $"127.0.0.1:{Port}{(User is null ? "" : $",user={User}")},password=*****{(Tls ? ",ssl=true" : "")}";

    public static Task<SecureRedis> StartAsync(string? user = null, TestCertificates? tls = null, bool requireClientCertificates = false)
    {
        var port = ServiceProcess.FreePort();
        var password = "pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
        var args = new List<string> { "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" };
        if (tls is null)
        {
            args.AddRange(["--port", port.ToString()]);
        }
        else
        {
            args.AddRange(["--port", "0", "--tls-port", port.ToString(), "--tls-cert-file", tls.Certificate("redis"), "--tls-key-file", tls.Key("redis"),
                "--tls-ca-cert-file", tls.CaCertificate, "--tls-auth-clients", requireClientCertificates ? "yes" : "no"]);
        }
        if (user is null)
        {
            args.AddRange(["--requirepass", password]);
        }
        else
        {
            args.AddRange(["--user", user, "on", ">" + password, "~*", "&*", "+@all", "--user", "default", "off"]);
        }
        return StartAsync(new SecureRedis(args, port, password, user, tls is not null));
    }

    /// <summary>Kills the server (an outage); <see cref="RestartAsync"/> brings it back empty on the same port with the same credentials.</summary>
    public void Stop()
    {
        if (process is null) return;
        if (!process.HasExited) process.Kill();
        process.WaitForExit(5000);
        process.Dispose();
        process = null;
    }

    public Task RestartAsync() => StartAsync(this);

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private static async Task<SecureRedis> StartAsync(SecureRedis redis)
    {
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in redis.arguments) start.ArgumentList.Add(arg);
        redis.process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start; install it with apt-get install redis-server");
        redis.process.OutputDataReceived += (_, _) => { };
        redis.process.ErrorDataReceived += (_, _) => { };
        redis.process.BeginOutputReadLine();
        redis.process.BeginErrorReadLine();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (redis.process.HasExited)
            {
                throw new InvalidOperationException($"redis-server {string.Join(' ', redis.arguments)} exited with {redis.process.ExitCode}");
            }
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", redis.Port);
                return redis;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"redis-server on port {redis.Port} did not listen within 10 s");
    }
}
