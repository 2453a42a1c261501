using System.Net.Sockets;
using System.Text;

namespace Botify.Gateway.Tests;

/// <summary>Sends bytes no HTTP client library would send (a NUL in the path, a 40 KiB header) over a raw socket and reads the whole answer.</summary>
internal static class RawHttp
{
    /// <summary>The answer's status, headers (lower-case names) and body, read until the server closes or the body is complete.</summary>
    /// <param name="endRequest">Shut the sending side after the request, as a client that stops half-way does.</param>
    public static async Task<(int Status, Dictionary<string, string> Headers, string Body)> SendAsync(int port, byte[] request, bool endRequest = false)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request);
            if (endRequest) client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (IOException)
        {
            // the server may answer and close before the whole request is sent
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, timeout.Token);
            }
            catch (IOException)
            {
                break; // reset after the answer
            }
            if (read == 0) break;
            received.Write(buffer, 0, read);
            if (Parse(received.ToArray()) is { Complete: true } done) return (done.Status, done.Headers, done.Body);
        }
        var answer = Parse(received.ToArray()) ?? throw new Xunit.Sdk.XunitException($"no HTTP answer, got {received.Length} bytes");
        return (answer.Status, answer.Headers, answer.Body);
    }

    public static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    private static (bool Complete, int Status, Dictionary<string, string> Headers, string Body)? Parse(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0) return null;
        var head = text[..end].Split("\r\n");
        var status = int.Parse(head[0].Split(' ')[1]);
        var headers = new Dictionary<string, string>();
        foreach (var line in head.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }
        var body = text[(end + 4)..];
        if (headers.TryGetValue("transfer-encoding", out var coding) && coding.Equals("chunked", StringComparison.OrdinalIgnoreCase))
        {
            var (complete, decoded) = Dechunk(body);
            return (complete, status, headers, decoded);
        }
        var length = headers.TryGetValue("content-length", out var value) ? int.Parse(value) : -1;
        return (length >= 0 && body.Length >= length, status, headers, length >= 0 ? body[..Math.Min(body.Length, length)] : body);
    }

    private static (bool Complete, string Body) Dechunk(string chunked)
    {
        var decoded = new StringBuilder();
        var at = 0;
        while (true)
        {
            var lineEnd = chunked.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (lineEnd < 0) return (false, decoded.ToString());
            var size = Convert.ToInt32(chunked[at..lineEnd], 16);
            if (size == 0) return (true, decoded.ToString());
            if (lineEnd + 2 + size > chunked.Length) return (false, decoded.ToString());
            decoded.Append(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
