using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Botify.Contracts.Catalog;
using Botify.Grains.Catalog;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Botify.Gateway.Tests;

/// <summary>Kestrel's limits against slow and oversized clients, the listeners a gateway opens, and answers without internals.</summary>
public sealed class HardeningTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Kestrel_runs_with_the_limits_of_HttpLimitsOptions_by_default()
    {
        await using var app = new GatewayApp(catalog: TestCatalogFolder.Write());
        var limits = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;
        var defaults = new HttpLimitsOptions();
        Assert.Equal(TimeSpan.FromSeconds(10), limits.RequestHeadersTimeout);
        Assert.Equal(defaults.RequestHeadersTimeout, limits.RequestHeadersTimeout);
        Assert.Equal(defaults.KeepAliveTimeout, limits.KeepAliveTimeout);
        Assert.Equal(defaults.MinRequestBodyBytesPerSecond, limits.MinRequestBodyDataRate!.BytesPerSecond);
        Assert.Equal(defaults.MinDataRateGracePeriod, limits.MinRequestBodyDataRate.GracePeriod);
        Assert.Equal(defaults.MinResponseBytesPerSecond, limits.MinResponseDataRate!.BytesPerSecond);
        Assert.Equal(defaults.MaxRequestHeadersTotalSize, limits.MaxRequestHeadersTotalSize);
        Assert.Equal(defaults.MaxRequestHeaderCount, limits.MaxRequestHeaderCount);
        Assert.Equal(defaults.MaxRequestLineSize, limits.MaxRequestLineSize);
        Assert.Equal(defaults.MaxRequestBodySize, limits.MaxRequestBodySize);
        Assert.Equal(defaults.MaxConcurrentConnections, limits.MaxConcurrentConnections);
    }

    [Fact]
    public async Task A_client_that_trickles_its_headers_is_cut_off_at_the_header_timeout_and_others_are_served()
    {
        await using var app = new GatewayApp(catalog: TestCatalogFolder.Write(),
            extra: new Dictionary<string, string?> { ["Botify:Http:RequestHeadersTimeout"] = "00:00:02" });
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", app.Port);
        var stream = client.GetStream();
        var clock = Stopwatch.StartNew();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: botify\r\n"));
        var closedAfter = await TrickleUntilClosed(stream, Encoding.ASCII.GetBytes("X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), clock);
        output.WriteLine($"slow headers: connection closed after {closedAfter.TotalSeconds:F1} s (header timeout 2 s)");
        Assert.InRange(closedAfter.TotalSeconds, 1.5, 10);

        using var http = app.Http();
        await (await http.GetAsync("/")).Expect(200);
    }

    [Fact]
    public async Task A_client_that_trickles_its_body_is_cut_off_below_the_minimum_rate_and_nothing_is_applied()
    {
        await using var app = new GatewayApp(catalog: TestCatalogFolder.Write(),
            extra: new Dictionary<string, string?> { ["Botify:Http:MinDataRateGracePeriod"] = "00:00:02" });
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", app.Port);
        var stream = client.GetStream();
        var clock = Stopwatch.StartNew();
        const string body = "{\"track\":5,\"time\":0.5}                                                                                    ";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST /next/77 HTTP/1.1\r\nHost: botify\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n"));
        var closedAfter = await TrickleUntilClosed(stream, Encoding.ASCII.GetBytes(body), clock);
        output.WriteLine($"slow body: connection closed after {closedAfter.TotalSeconds:F1} s (240 B/s after a 2 s grace)");
        Assert.InRange(closedAfter.TotalSeconds, 1.5, 12);

        using var admin = app.AdminHttp();
        Assert.Empty(await admin.History(77));
        Assert.Empty(EventLines.OfUser(app.LogDir, 77));
    }

    [Fact]
    public async Task Oversized_headers_are_refused_with_431()
    {
        await using var app = new GatewayApp(catalog: TestCatalogFolder.Write());
        using var http = app.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Big", new string('a', 40 * 1024));
        using var response = await http.SendAsync(request);
        Assert.Equal(431, (int)response.StatusCode);
        await (await http.GetAsync("/")).Expect(200);
    }

    [Fact]
    public async Task Without_admin_urls_no_management_endpoint_is_served_on_any_listener()
    {
        await using var app = new GatewayApp(catalog: TestCatalogFolder.Write(), dashboard: true, admin: false);
        using var http = app.Http();
        foreach (var path in new[] { "/user/1", "/openapi/v1.json", "/dashboard/", "/dashboard/version", "/experiments", "/experiments/SESSION/view" })
        {
            await (await http.GetAsync(path)).Expect(404);
        }
        var health = await (await http.GetAsync("/health")).Expect(200);
        Assert.Equal(["status"], health.PropertyNames());
        await (await http.Next(5, 10, 0.5)).Expect(200);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task An_unexpected_failure_is_answered_without_stack_trace_type_or_message(string environment)
    {
        var failing = new FailingCatalogProvider();
        await using var app = new GatewayApp(catalog: null, environment: environment, services: services =>
        {
            services.RemoveAll<ICatalogProvider>();
            services.AddSingleton<ICatalogProvider>(failing);
        });
        using var http = app.Http();
        using var admin = app.AdminHttp();
        failing.Fail = true;
        var answers = new List<(string What, int Status, string Body)>();
        foreach (var (what, client, request) in new (string, HttpClient, Func<HttpRequestMessage>)[]
        {
            ("GET /track/5", http, () => new HttpRequestMessage(HttpMethod.Get, "/track/5")),
            ("GET /health", http, () => new HttpRequestMessage(HttpMethod.Get, "/health")),
            ("GET /health (admin)", admin, () => new HttpRequestMessage(HttpMethod.Get, "/health")),
            ("POST /next/5", http, () => new HttpRequestMessage(HttpMethod.Post, "/next/5")
            {
                Content = new StringContent("{\"track\":5,\"time\":0.5}", Encoding.UTF8, "application/json"),
            }),
        })
        {
            using var response = await client.SendAsync(request());
            answers.Add((what, (int)response.StatusCode, await response.Content.ReadAsStringAsync()));
        }
        foreach (var (what, status, body) in answers)
        {
            output.WriteLine($"{environment} {what}: {status} {body}");
            Assert.True(status >= 500, $"{what}: expected a 5xx, got {status}");
            Assert.StartsWith("{\"message\":", body);
            Assert.DoesNotContain(FailingCatalogProvider.Marker, body);
            Assert.DoesNotContain(" at ", body);
            Assert.DoesNotContain("Botify.", body);
            Assert.DoesNotContain(".cs:line", body);
        }
        failing.Fail = false;
    }

    // Sends one byte every 400 ms until the server closes the connection; returns when it did.
    private static async Task<TimeSpan> TrickleUntilClosed(NetworkStream stream, byte[] bytes, Stopwatch clock)
    {
        var buffer = new byte[4096];
        var read = stream.ReadAsync(buffer).AsTask();
        for (var i = 0; clock.Elapsed < TimeSpan.FromSeconds(30); i++)
        {
            try
            {
                if (read.IsCompleted)
                {
                    if (await read == 0) return clock.Elapsed;
                    read = stream.ReadAsync(buffer).AsTask(); // an error answer (408) may come before the close
                    continue;
                }
                await stream.WriteAsync(bytes.AsMemory(i % bytes.Length, 1));
            }
            catch (IOException)
            {
                return clock.Elapsed;
            }
            await Task.WhenAny(read, Task.Delay(400));
        }
        Assert.Fail("the server kept the trickling connection open for 30 s");
        return clock.Elapsed;
    }

    private sealed class FailingCatalogProvider : ICatalogProvider
    {
        public const string Marker = "planted-failure-7f3a";

        private readonly CatalogHolder inner = new();

        public volatile bool Fail;

        public CatalogSnapshot Current => Fail ? throw new InvalidOperationException(Marker + " with internal detail") : inner.Current;

        public void Swap(CatalogSnapshot next) => inner.Swap(next);
    }
}
