using System.Text.Json;
using Xunit.Abstractions;

namespace Botify.Gateway.Tests;

/// <summary>
/// Requests broken below HTTP's request line and headers, sent over a raw socket. Kestrel refuses the ones it
/// cannot parse before the app runs, with a bare status (ASP.NET offers no hook to give them a body: README
/// "Requests Kestrel refuses"); everything that reaches the app — a broken body, odd bytes in an id — gets a JSON
/// error. Either way the gateway keeps serving.
/// </summary>
public sealed class KestrelRejectionTests(CatalogGatewayFixture gateway, ITestOutputHelper output) : IClassFixture<CatalogGatewayFixture>
{
    private const string Post = "POST /next/1 HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n";

    /// <summary>Refused by Kestrel's parser, before the app: the status the README lists, no body, connection closed.</summary>
    public static TheoryData<string, string, int> RefusedBeforeTheApp() => new()
    {
        { "a NUL byte in the path", "GET /user/1\0 HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "an encoded NUL (%00) in the path", "GET /user/1%00 HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "a path that is not UTF-8 (byte 0xE9)", "GET /user/\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "a method with a bad character", "G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "a request line over 8 KiB", "GET /" + new string('a', 9_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414 },
        { "headers over 32 KiB", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + new string('a', 40_000) + "\r\n\r\n", 431 },
        { "more than 100 headers", "GET / HTTP/1.1\r\nHost: x\r\n" + string.Concat(Enumerable.Range(0, 120).Select(i => $"X-H{i}: v\r\n")) + "\r\n", 431 },
        { "a header line without a colon", "GET / HTTP/1.1\r\nHost: x\r\nbroken header\r\n\r\n", 400 },
        { "a space before a header's colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400 },
        { "no Host header (HTTP/1.1)", "GET / HTTP/1.1\r\n\r\n", 400 },
        { "an invalid Host header", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n", 400 },
        { "a Content-Length that is not a number", Post + "Content-Length: abc\r\n\r\n", 400 },
        { "a Transfer-Encoding that does not end in chunked", Post + "Transfer-Encoding: gzip\r\n\r\n", 400 },
        { "an HTTP version other than 1.0/1.1 on an HTTP/1 connection", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505 },
    };

    [Theory]
    [MemberData(nameof(RefusedBeforeTheApp))]
    public async Task Kestrel_refuses_a_request_it_cannot_parse_with_a_bare_status_and_the_gateway_keeps_serving(string what, string request, int status)
    {
        var answer = await RawHttp.SendAsync(gateway.App.Port, RawHttp.Ascii(request));
        var length = answer.Headers.GetValueOrDefault("content-length");
        output.WriteLine($"{what}: {answer.Status}, Content-Length {length}, Connection {answer.Headers.GetValueOrDefault("connection")}");
        Assert.Equal(status, answer.Status);
        Assert.Equal("", answer.Body);
        Assert.Equal("close", answer.Headers.GetValueOrDefault("connection"));
        await (await gateway.Http.GetAsync("/")).Expect(200);
    }

    /// <summary>Broken the same way at the byte level, but parsed far enough to reach the app: a JSON error naming what to fix.</summary>
    public static TheoryData<string, string, int, string> AnsweredByTheApp() => new()
    {
        { "a chunked body with a bad chunk size", Post + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400, "body" },
        { "a control character in the track id", "GET /track/\u00011 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400, "track" },
        { "a broken percent-encoding in the track id", "GET /track/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400, "track" },
        { "a percent-encoded non-ASCII character in the track id", "GET /track/%C3%A9 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400, "track" },
        { "a body larger than the limit", Post + "Content-Length: 70000\r\nConnection: close\r\n\r\n" + new string(' ', 70_000), 413, "body" },
    };

    [Theory]
    [MemberData(nameof(AnsweredByTheApp))]
    public async Task A_request_that_reaches_the_app_gets_a_json_error_naming_the_input(string what, string request, int status, string field)
    {
        var answer = await RawHttp.SendAsync(gateway.App.Port, RawHttp.Ascii(request));
        output.WriteLine($"{what}: {answer.Status} {answer.Body}");
        Assert.Equal(status, answer.Status);
        Assert.StartsWith("application/json", answer.Headers.GetValueOrDefault("content-type"));
        var body = JsonDocument.Parse(answer.Body).RootElement;
        Assert.Equal(field, body.GetProperty("field").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()));
    }
}
