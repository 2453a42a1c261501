using System.Net.Sockets;
using System.Text;

namespace Botify.Ops.Service;

/// <summary>PING over a plain socket: is a Redis answering at HOST:PORT.</summary>
public static class RedisProbe
{
    public static async Task<bool> PingAsync(string address, CancellationToken cancellation = default)
    {
        var (host, port) = Split(address);
        try
        {
            using var client = new TcpClient();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            limit.CancelAfter(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(host, port, limit.Token);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), limit.Token);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, limit.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellation.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>"HOST:PORT" → its parts; an error naming the form when it is not one.</summary>
    public static (string Host, int Port) Split(string address)
    {
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address[(colon + 1)..], out var port) || port is < 1 or > 65535)
            throw new OpsException($"--redis '{address}': write it as HOST:PORT, e.g. 127.0.0.1:6379");
        return (address[..colon], port);
    }
}
