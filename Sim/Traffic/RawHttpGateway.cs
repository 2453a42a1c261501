using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Botify.Sim.Traffic;

/// <summary>
/// A minimal HTTP/1.1 keep-alive client for plain-http gateways: each worker owns one socket, its
/// request bytes are written into a fixed buffer and the answer (Content-Length or chunked) is parsed
/// in place. Several times cheaper per request than HttpClient, so on a small machine the simulator
/// leaves the CPU to the service it measures.
/// </summary>
public sealed class RawHttpGateway : IGatewayClient
{
    private readonly Uri baseUri;
    private readonly TimeSpan timeout;
    private readonly byte[] nextPrefix;
    private readonly byte[] lastPrefix;
    private readonly byte[] headers;
    private EndPoint? endpoint;

    public RawHttpGateway(Uri baseUri, TimeSpan timeout)
    {
        if (baseUri.Scheme != Uri.UriSchemeHttp) throw new ArgumentException($"--gateway '{baseUri}': the raw client speaks plain http only; use " +
            $"--client httpclient for https");
        this.baseUri = baseUri;
        this.timeout = timeout;
        var path = baseUri.AbsolutePath.EndsWith('/') ? baseUri.AbsolutePath : baseUri.AbsolutePath + "/";
        nextPrefix = Encoding.ASCII.GetBytes($"POST {path}next/");
        lastPrefix = Encoding.ASCII.GetBytes($"POST {path}last/");
        headers = Encoding.ASCII.GetBytes($" HTTP/1.1\r\nHost: {baseUri.Authority}\r\nContent-Type: application/json\r\nContent-Length: ");
    }

    public async Task ProbeAsync(CancellationToken cancellation)
    {
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(baseUri.DnsSafeHost, cancellation);
            if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
            var address = Array.Find(addresses, a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses[0];
            endpoint = new IPEndPoint(address, baseUri.Port);
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeoutSource.CancelAfter(timeout);
            using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(endpoint, timeoutSource.Token);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"GET {baseUri.AbsolutePath} HTTP/1.1\r\nHost: {baseUri.Authority}\r\nConnection: " +
                $"close\r\n\r\n"), SocketFlags.None, timeoutSource.Token);
            var buffer = new byte[64];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeoutSource.Token);
            if (read == 0 || !buffer.AsSpan(0, read).StartsWith("HTTP/1."u8))
                throw new GatewayUnreachableException($"sim: {baseUri} answered GET / with something that is not HTTP/1.x; check --gateway points " +
                    $"at the gateway");
        }
        catch (SocketException e)
        {
            throw new GatewayUnreachableException($"sim: gateway {baseUri} is not reachable ({e.SocketErrorCode}); start the gateway or pass its " +
                $"URL with --gateway", e);
        }
        catch (OperationCanceledException e) when (!cancellation.IsCancellationRequested)
        {
            throw new GatewayUnreachableException($"sim: gateway {baseUri} did not answer GET / within {timeout.TotalSeconds:0} s; check it is up " +
                $"or raise --timeout", e);
        }
    }

    public IGatewayChannel OpenChannel() =>
        new Channel(this, endpoint ?? throw new InvalidOperationException("call ProbeAsync before opening channels"));

    public void Dispose()
    {
    }

    private sealed class Channel(RawHttpGateway gateway, EndPoint endpoint) : IGatewayChannel
    {
        private readonly byte[] request = new byte[1024];
        private readonly byte[] input = new byte[16 * 1024];
        private readonly byte[] body = new byte[4096];
        private CancellationTokenSource timeoutSource = new();
        private Socket? socket;
        private int start, end, bodyLength;
        private bool received;

        public ValueTask<GatewayReply> NextAsync(int user, int track, double time, CancellationToken cancellation) =>
            SendAsync(gateway.nextPrefix, user, track, time, true, cancellation);

        public ValueTask<GatewayReply> LastAsync(int user, int track, double time, CancellationToken cancellation) =>
            SendAsync(gateway.lastPrefix, user, track, time, false, cancellation);

        public void Dispose()
        {
            Close();
            timeoutSource.Dispose();
        }

        private async ValueTask<GatewayReply> SendAsync(byte[] prefix, int user, int track, double time, bool wantsTrack, CancellationToken cancellation)
        {
            var length = BuildRequest(prefix, user, track, time);
            if (!timeoutSource.TryReset())
            {
                timeoutSource.Dispose();
                timeoutSource = new CancellationTokenSource();
            }
            timeoutSource.CancelAfter(gateway.timeout);
            using var link = cancellation.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), timeoutSource);
            var token = timeoutSource.Token;
            for (var attempt = 0; ; attempt++)
            {
                var reused = socket is not null;
                received = false;
                try
                {
                    if (socket is null) await ConnectAsync(token);
                    await SendAllAsync(length, token);
                    var status = await ReadResponseAsync(token);
                    if (status is < 200 or > 299) return new GatewayReply(-1, $"HTTP {status}");
                    if (!wantsTrack) return new GatewayReply(-1, null);
                    return RequestBody.TryReadTrack(body.AsSpan(0, bodyLength), out var recommended) ? new GatewayReply(recommended, null)
                        : new GatewayReply(-1, "bad answer");
                }
                catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
                {
                    Close();
                    return new GatewayReply(-1, "timeout");
                }
                catch (Exception e) when (e is SocketException or IOException)
                {
                    Close();
                    // A kept-alive connection the server closed while idle: send once more on a fresh one.
                    if (reused && !received && attempt == 0) continue;
                    return new GatewayReply(-1, e is SocketException s ? $"socket {s.SocketErrorCode}" : "connection closed");
                }
            }
        }

        private int BuildRequest(byte[] prefix, int user, int track, double time)
        {
            var span = request.AsSpan();
            prefix.CopyTo(span);
            var at = prefix.Length;
            Utf8Formatter.TryFormat(user, span[at..], out var written);
            at += written;
            gateway.headers.CopyTo(span[at..]);
            at += gateway.headers.Length;
            // Body first into the tail of the buffer to learn its length, then the length and the body.
            var scratch = span[512..];
            var bodyBytes = RequestBody.Encode(scratch, track, time);
            Utf8Formatter.TryFormat(bodyBytes, span[at..], out written);
            at += written;
            "\r\n\r\n"u8.CopyTo(span[at..]);
            at += 4;
            scratch[..bodyBytes].CopyTo(span[at..]);
            return at + bodyBytes;
        }

        private async ValueTask ConnectAsync(CancellationToken token)
        {
            var s = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await s.ConnectAsync(endpoint, token);
            }
            catch
            {
                s.Dispose();
                throw;
            }
            socket = s;
            start = end = 0;
        }

        private async ValueTask SendAllAsync(int length, CancellationToken token)
        {
            var sent = 0;
            while (sent < length) sent += await socket!.SendAsync(request.AsMemory(sent, length - sent), SocketFlags.None, token);
        }

        /// <summary>Reads one response; returns the status code, leaves the body in <see cref="body"/>.</summary>
        private async ValueTask<int> ReadResponseAsync(CancellationToken token)
        {
            int headerEnd;
            while ((headerEnd = input.AsSpan(start, end - start).IndexOf("\r\n\r\n"u8)) < 0) await FillAsync(token);
            var (status, contentLength, chunked, close) = ParseHead(input.AsSpan(start, headerEnd));
            start += headerEnd + 4;
            bodyLength = 0;
            if (chunked) await ReadChunkedAsync(token);
            else if (contentLength >= 0) await ConsumeAsync(contentLength, token);
            else
            {
                // No length: the body runs to the end of the connection.
                close = true;
                while (true)
                {
                    await ConsumeAsync(end - start, token);
                    if (!await TryFillAsync(token)) break;
                }
            }
            if (close) Close();
            return status;
        }

        private static (int Status, long ContentLength, bool Chunked, bool Close) ParseHead(ReadOnlySpan<byte> head)
        {
            if (head.Length < 12 || !head.StartsWith("HTTP/1."u8) || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _))
                throw new IOException("not an HTTP/1.x response");
            long contentLength = -1;
            bool chunked = false, close = head[7] == (byte)'0';
            foreach (var range in head.Split("\r\n"u8))
            {
                var line = head[range];
                var colon = line.IndexOf((byte)':');
                if (colon < 0) continue;
                var name = line[..colon];
                var value = line[(colon + 1)..].Trim((byte)' ');
                if (Ascii.EqualsIgnoreCase(name, "content-length"u8)) Utf8Parser.TryParse(value, out contentLength, out _);
                else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8)) chunked = value.IndexOf("chunked"u8) >= 0;
                else if (Ascii.EqualsIgnoreCase(name, "connection"u8)) close = Ascii.EqualsIgnoreCase(value, "close"u8)
                    || (close && !Ascii.EqualsIgnoreCase(value, "keep-alive"u8));
            }
            return (status, contentLength, chunked, close);
        }

        private async ValueTask ReadChunkedAsync(CancellationToken token)
        {
            while (true)
            {
                int lineEnd;
                while ((lineEnd = input.AsSpan(start, end - start).IndexOf("\r\n"u8)) < 0) await FillAsync(token);
                var sizeText = input.AsSpan(start, lineEnd);
                var semicolon = sizeText.IndexOf((byte)';');
                if (semicolon >= 0) sizeText = sizeText[..semicolon];
                if (!Utf8Parser.TryParse(sizeText, out long size, out _, 'x')) throw new IOException("bad chunk size");
                start += lineEnd + 2;
                if (size == 0)
                {
                    // Trailers (if any) end with an empty line.
                    while (true)
                    {
                        while ((lineEnd = input.AsSpan(start, end - start).IndexOf("\r\n"u8)) < 0) await FillAsync(token);
                        start += lineEnd + 2;
                        if (lineEnd == 0) return;
                    }
                }
                await ConsumeAsync(size, token);
                while (end - start < 2) await FillAsync(token);
                start += 2;
            }
        }

        /// <summary>Moves <paramref name="count"/> body bytes from the input (reading more as needed) into <see cref="body"/> (excess dropped).</summary>
        private async ValueTask ConsumeAsync(long count, CancellationToken token)
        {
            while (count > 0)
            {
                if (start == end) await FillAsync(token);
                var take = (int)Math.Min(count, end - start);
                var keep = Math.Min(take, body.Length - bodyLength);
                input.AsSpan(start, keep).CopyTo(body.AsSpan(bodyLength));
                bodyLength += keep;
                start += take;
                count -= take;
            }
        }

        private async ValueTask FillAsync(CancellationToken token)
        {
            if (!await TryFillAsync(token)) throw new IOException("connection closed by the gateway");
        }

        private async ValueTask<bool> TryFillAsync(CancellationToken token)
        {
            if (start == end) start = end = 0;
            else if (end == input.Length)
            {
                if (start == 0) throw new IOException("response headers too large");
                input.AsSpan(start, end - start).CopyTo(input);
                end -= start;
                start = 0;
            }
            var read = await socket!.ReceiveAsync(input.AsMemory(end), SocketFlags.None, token);
            if (read == 0) return false;
            received = true;
            end += read;
            return true;
        }

        private void Close()
        {
            socket?.Dispose();
            socket = null;
            start = end = 0;
        }
    }
}
