using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Botify.Ops.Service;

/// <summary>The few HTTP calls the command makes to the service: health, a user's state, a first `/next`, the live experiment figures.</summary>
public sealed class ServiceClient : IDisposable
{
    private readonly HttpClient http;

    public ServiceClient(TimeSpan? timeout = null)
    {
        http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1), MaxConnectionsPerServer = 64 })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(2),
        };
    }

    public Task<HealthAnswer<GatewayHealth>> GatewayHealthAsync(string baseUrl, CancellationToken cancellation = default) =>
        GetAsync(baseUrl + "/health", ServiceJsonContext.Default.GatewayHealth, cancellation);

    public Task<HealthAnswer<SiloHealth>> SiloHealthAsync(string baseUrl, CancellationToken cancellation = default) =>
        GetAsync(baseUrl + "/health", ServiceJsonContext.Default.SiloHealth, cancellation);

    public Task<HealthAnswer<UserAnswer>> UserAsync(string baseUrl, long user, CancellationToken cancellation = default) =>
        GetAsync($"{baseUrl}/user/{user}", ServiceJsonContext.Default.UserAnswer, cancellation);

    /// <summary>The HTTP status of a GET (0 when nothing answered in time).</summary>
    public async Task<int> StatusAsync(string url, CancellationToken cancellation = default)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellation);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            return 0;
        }
    }

    /// <summary>`POST /next/{user}` with a play of <paramref name="track"/>: the status, the answer's body and its X-Botify-Recommender header.</summary>
    public async Task<(int Status, string Body, string? Recommender)> NextAsync(string baseUrl, long user, int track, double time,
        CancellationToken cancellation = default)
    {
        var json = $"{{\"track\":{track},\"time\":{time.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}";
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        try
        {
            using var response = await http.PostAsync($"{baseUrl}/next/{user}", content, cancellation);
            var body = await response.Content.ReadAsStringAsync(cancellation);
            var recommender = response.Headers.TryGetValues("X-Botify-Recommender", out var values) ? values.FirstOrDefault() : null;
            return ((int)response.StatusCode, body, recommender);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            return (0, e.Message, null);
        }
    }

    /// <summary>A GET's status and body (status 0 and the reason when nothing answered in time).</summary>
    public async Task<(int Status, string Body)> GetTextAsync(string url, CancellationToken cancellation = default)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellation);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellation));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            return (0, e.Message);
        }
    }

    public void Dispose() => http.Dispose();

    private async Task<HealthAnswer<T>> GetAsync<T>(string url, JsonTypeInfo<T> type, CancellationToken cancellation)
        where T : class
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, cancellation);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellation.IsCancellationRequested)
        {
            return new HealthAnswer<T>(0, null, e is TaskCanceledException ? $"no answer within {http.Timeout.TotalSeconds:0.#} s" : e.Message);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            try
            {
                var body = await response.Content.ReadFromJsonAsync(type, cancellation);
                return new HealthAnswer<T>(status, body, body is null ? "empty body" : null);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or HttpRequestException)
            {
                return new HealthAnswer<T>(status, null, $"HTTP {status} without the expected JSON ({e.Message})");
            }
        }
    }
}
