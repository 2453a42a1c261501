using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Botify.Sim.Traffic;

/// <summary>
/// The gateway through one shared HttpClient/SocketsHttpHandler (any URL, https included):
/// per-user URIs built once, bodies encoded into the channel's buffer, answers read with Utf8JsonReader.
/// </summary>
public sealed class HttpClientGateway : IGatewayClient
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient http;
    private readonly Uri baseUri;
    private readonly Uri?[] nextUris;
    private readonly Uri?[] lastUris;

    public HttpClientGateway(Uri baseUri, int connections, int users, TimeSpan timeout)
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
            throw new GatewayUnreachableException($"sim: gateway {baseUri} did not answer GET / within {http.Timeout.TotalSeconds:0} s; check it " +
                $"is up or raise --timeout", e);
        }
    }

    public IGatewayChannel OpenChannel() => new Channel(this);

    public void Dispose() => http.Dispose();

    private async ValueTask<GatewayReply> SendAsync(Uri uri, int track, double time, byte[] buffer, bool wantsTrack, CancellationToken cancellation)
    {
        var length = RequestBody.Encode(buffer, track, time);
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
            return RequestBody.TryReadTrack(buffer.AsSpan(0, read), out var recommended) ? new GatewayReply(recommended, null)
                : new GatewayReply(-1, "bad answer");
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

    private sealed class Channel(HttpClientGateway gateway) : IGatewayChannel
    {
        private readonly byte[] buffer = new byte[4096];

        public ValueTask<GatewayReply> NextAsync(int user, int track, double time, CancellationToken cancellation) =>
            gateway.SendAsync(gateway.nextUris[user] ??= new Uri(gateway.baseUri, $"next/{user}"), track, time, buffer, true, cancellation);

        public ValueTask<GatewayReply> LastAsync(int user, int track, double time, CancellationToken cancellation) =>
            gateway.SendAsync(gateway.lastUris[user] ??= new Uri(gateway.baseUri, $"last/{user}"), track, time, buffer, false, cancellation);

        public void Dispose()
        {
        }
    }
}
