using System.Net;
using System.Net.Sockets;

namespace Botify.Hosting;

/// <summary>Which address a silo advertises in the membership table and listens on.</summary>
public static class ClusterAddress
{
    /// <summary>
    /// The configured address; else loopback when Redis is on loopback (everything on this machine),
    /// else null, letting Orleans pick this host's address (containers, several machines).
    /// </summary>
    public static IPAddress? Advertised(string redisHost, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (IPAddress.TryParse(configured.Trim(), out var ip)) return ip;
            var resolved = Dns.GetHostAddresses(configured.Trim());
            foreach (var candidate in resolved)
            {
                if (candidate.AddressFamily == AddressFamily.InterNetwork) return candidate;
            }
            throw new ArgumentException($"--advertise {configured}: not an IP address and it resolves to no IPv4 address; pass the address peers " +
                $"reach this silo at");
        }
        return IsLoopback(redisHost) ? IPAddress.Loopback : null;
    }

    /// <summary>Listen on loopback when advertising loopback (nothing outside this machine can reach it), else on every interface.</summary>
    public static IPAddress Listen(IPAddress? advertised) =>
        advertised is not null && IPAddress.IsLoopback(advertised) ? IPAddress.Loopback : IPAddress.Any;

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
