using System.Net;

namespace Botify.Hosting;

/// <summary>
/// The management listener (`--admin-urls URL[;URL…]`): where the dashboard, `/user/{user}`, the detailed
/// `/health`, the OpenAPI document and the experiment pages are served, apart from the public API.
/// Each URL names its port, so a connection's local port tells which listener it came in on.
/// </summary>
public sealed class ManagementUrls
{
    private readonly int[] ports;

    private ManagementUrls(string urls, int[] ports, bool loopbackOnly)
    {
        Urls = urls;
        this.ports = ports;
        LoopbackOnly = loopbackOnly;
    }

    /// <summary>The URLs as Kestrel takes them, `;`-separated.</summary>
    public string Urls { get; }

    /// <summary>True when every URL is on a loopback address (nothing outside this machine reaches it).</summary>
    public bool LoopbackOnly { get; }

    /// <summary>True when a connection accepted on <paramref name="localPort"/> came in through the management listener.</summary>
    public bool IsManagementPort(int localPort) => Array.IndexOf(ports, localPort) >= 0;

    /// <summary>
    /// Reads `--admin-urls`; null when it is empty. A URL without an explicit port, or sharing a port with
    /// <paramref name="publicUrls"/>, throws <see cref="ArgumentException"/> naming it and the fix.
    /// </summary>
    public static ManagementUrls? Parse(string? adminUrls, string? publicUrls = null)
    {
        if (string.IsNullOrWhiteSpace(adminUrls)) return null;
        var urls = Split(adminUrls);
        var ports = new int[urls.Length];
        var loopbackOnly = true;
        for (var i = 0; i < urls.Length; i++)
        {
            var (port, loopback) = PortOf(urls[i]) ?? throw new ArgumentException(
                $"--admin-urls {urls[i]}: not an http:// or https:// URL with an explicit port; pass e.g. --admin-urls http://127.0.0.1:5002");
            ports[i] = port;
            loopbackOnly &= loopback;
        }
        foreach (var url in Split(publicUrls ?? ""))
        {
            if (PortOf(url) is { } shared && Array.IndexOf(ports, shared.Port) >= 0)
            {
                throw new ArgumentException($"--admin-urls {adminUrls} shares port {shared.Port} with the public --urls {publicUrls}; " +
                    "give the management listener a port of its own");
            }
        }
        return new ManagementUrls(string.Join(';', urls), ports, loopbackOnly);
    }

    private static string[] Split(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // Kestrel's wildcard hosts (`*`, `+`) are not URI hosts; they bind every interface.
    private static (int Port, bool Loopback)? PortOf(string url)
    {
        var wildcard = url.Contains("://*", StringComparison.Ordinal) || url.Contains("://+", StringComparison.Ordinal);
        var parsable = wildcard ? url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal) : url;
        if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)) return null;
        var authority = parsable[(parsable.IndexOf("://", StringComparison.Ordinal) + 3)..].Split('/')[0];
        if (!authority.Contains(':') || authority.EndsWith(']') || uri.Port <= 0) return null; // no explicit port
        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        return (uri.Port, loopback);
    }
}
