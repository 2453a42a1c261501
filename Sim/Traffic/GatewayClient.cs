using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace Botify.Sim.Traffic;

/// <summary>
/// The gateway's HTTP API for the simulator: one shared SocketsHttpHandler with a connection per
/// concurrent session, per-user URIs built once, bodies encoded into the caller's buffer and
/// answers parsed with Utf8JsonReader.
/// </summary>
public sealed class GatewayClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient http;
    private readonly Uri baseUri;
    private readonly Uri?[] nextUris;
    private readonly Uri?[] lastUris;

    public GatewayClient(Uri baseUri, int connections, int users, TimeSpan timeout)
    {
        this.baseUri = baseUri;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ActivityHeadersPropagator = null,
        };
        http = new HttpClient(handler) { Timeout = timeout };
        http.DefaultRequestHeaders.ExpectContinue = false;
        nextUris = new Uri?[users];
        lastUris = new Uri?[users];
    }

    /// <summary>GET / once; throws <see cref="GatewayUnreachableException"/> with a one-line message when nothing answers.</summary>
    public async Task ProbeAsync(CancellationToken cancellation)
    {
        try
        {
            using var response = await http.GetAsync(baseUri, cancellation);
        }
        catch (HttpRequestException e)
        {
            var reason = e.InnerException is SocketException s ? s.SocketErrorCode.ToString() : e.Message;
            throw new GatewayUnreachableException($"sim: gateway {baseUri} is not reachable ({reason}); start the gateway or pass its URL with --gateway", e);
        }
        catch (TaskCanceledException e) when (!cancellation.IsCancellationRequested)
        {
            throw new GatewayUnreachableException($"sim: gateway {baseUri} did not answer GET / within {http.Timeout.TotalSeconds:0} s; check it is up or raise --timeout", e);
        }
    }

    public Task<GatewayReply> NextAsync(int user, int track, double time, byte[] buffer, CancellationToken cancellation) =>
        SendAsync(nextUris[user] ??= new Uri(baseUri, $"next/{user}"), track, time, buffer, true, cancellation);

    public Task<GatewayReply> LastAsync(int user, int track, double time, byte[] buffer, CancellationToken cancellation) =>
        SendAsync(lastUris[user] ??= new Uri(baseUri, $"last/{user}"), track, time, buffer, false, cancellation);

    public void Dispose() => http.Dispose();

    private async Task<GatewayReply> SendAsync(Uri uri, int track, double time, byte[] buffer, bool wantsTrack, CancellationToken cancellation)
    {
        var length = EncodeBody(buffer, track, time);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        var content = new ByteArrayContent(buffer, 0, length);
        content.Headers.ContentType = Json;
        request.Content = content;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
            var read = await ReadBodyAsync(response, buffer, cancellation);
            if (!response.IsSuccessStatusCode) return new GatewayReply(-1, $"HTTP {(int)response.StatusCode}");
            if (!wantsTrack) return new GatewayReply(-1, null);
            return TryReadTrack(buffer.AsSpan(0, read), out var recommended) ? new GatewayReply(recommended, null) : new GatewayReply(-1, "bad answer");
        }
        catch (HttpRequestException e)
        {
            return new GatewayReply(-1, e.InnerException is SocketException s ? $"socket {s.SocketErrorCode}" : "connection error");
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return new GatewayReply(-1, "timeout");
        }
    }

    /// <summary>Writes {"track":N,"time":T} (time with up to 2 decimals, as the listener model rounds it).</summary>
    private static int EncodeBody(byte[] buffer, int track, double time)
    {
        var span = buffer.AsSpan();
        "{\"track\":"u8.CopyTo(span);
        var at = 9;
        Utf8Formatter.TryFormat(track, span[at..], out var written);
        at += written;
        ",\"time\":"u8.CopyTo(span[at..]);
        at += 8;
        Utf8Formatter.TryFormat((decimal)Math.Round(time, 4), span[at..], out written);
        at += written;
        span[at++] = (byte)'}';
        return at;
    }

    private static async Task<int> ReadBodyAsync(HttpResponseMessage response, byte[] buffer, CancellationToken cancellation)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellation);
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total), cancellation);
            if (read == 0) break;
            total += read;
        }
        return total;
    }

    private static bool TryReadTrack(ReadOnlySpan<byte> body, out int track)
    {
        track = -1;
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("track"u8))
                    return reader.Read() && reader.TryGetInt32(out track);
            }
        }
        catch (JsonException)
        {
            // A truncated or non-JSON body is a bad answer, reported as such.
        }
        return false;
    }
}
