using System.Net.Http.Headers;
using System.Text;

namespace Botify.Gateway.Tests;

/// <summary>
/// Every client mistake gets a 4xx JSON {"message","field"} naming the field, changes no
/// user state and writes no event line. Each case runs between two valid plays of a fresh
/// user; afterwards the user's history and event lines are exactly those two plays.
/// </summary>
public sealed class BadRequestTests(CatalogGatewayFixture gateway) : IClassFixture<CatalogGatewayFixture>
{
    private const string Json = "application/json";
    private static readonly string Huge = "{\"track\":1,\"time\":0.5" + new string(' ', 70 * 1024) + "}";

    public static TheoryData<string, string, string, string?, string?, int, string?> Cases() => new()
    {
        // name, method, path ({u} = the user), content type, body, status, field
        { "malformed JSON", "POST", "/next/{u}", Json, "{\"track\":1,,\"time\":0.5}", 400, "body" },
        { "truncated JSON", "POST", "/next/{u}", Json, "{\"track\":1,\"time\":0.5", 400, "body" },
        { "truncated after a name", "POST", "/last/{u}", Json, "{\"track\"", 400, "body" },
        { "empty body", "POST", "/next/{u}", Json, "", 400, "body" },
        { "whitespace body", "POST", "/next/{u}", Json, "   ", 400, "body" },
        { "array body", "POST", "/next/{u}", Json, "[1,0.5]", 400, "body" },
        { "number body", "POST", "/next/{u}", Json, "7", 400, "body" },
        { "null body", "POST", "/last/{u}", Json, "null", 400, "body" },
        { "second value after the object", "POST", "/next/{u}", Json, "{\"track\":1,\"time\":0.5}{}", 400, "body" },
        { "comment", "POST", "/next/{u}", Json, "/*x*/{\"track\":1,\"time\":0.5}", 400, "body" },
        { "track as string", "POST", "/next/{u}", Json, "{\"track\":\"7\",\"time\":0.5}", 400, "track" },
        { "track null", "POST", "/next/{u}", Json, "{\"track\":null,\"time\":0.5}", 400, "track" },
        { "track array", "POST", "/next/{u}", Json, "{\"track\":[7],\"time\":0.5}", 400, "track" },
        { "track object", "POST", "/last/{u}", Json, "{\"track\":{\"id\":7},\"time\":0.5}", 400, "track" },
        { "track boolean", "POST", "/next/{u}", Json, "{\"track\":true,\"time\":0.5}", 400, "track" },
        { "track fraction", "POST", "/next/{u}", Json, "{\"track\":7.5,\"time\":0.5}", 400, "track" },
        { "track exponent", "POST", "/next/{u}", Json, "{\"track\":7e0,\"time\":0.5}", 400, "track" },
        { "track negative", "POST", "/next/{u}", Json, "{\"track\":-7,\"time\":0.5}", 400, "track" },
        { "track beyond 32 bits", "POST", "/next/{u}", Json, "{\"track\":2147483648,\"time\":0.5}", 400, "track" },
        { "track beyond 64 bits", "POST", "/last/{u}", Json, "{\"track\":99999999999999999999999,\"time\":0.5}", 400, "track" },
        { "track missing", "POST", "/next/{u}", Json, "{\"time\":0.5}", 400, "track" },
        { "track twice", "POST", "/next/{u}", Json, "{\"track\":1,\"track\":2,\"time\":0.5}", 400, "track" },
        { "time as string", "POST", "/next/{u}", Json, "{\"track\":7,\"time\":\"0.5\"}", 400, "time" },
        { "time NaN string", "POST", "/next/{u}", Json, "{\"track\":7,\"time\":\"NaN\"}", 400, "time" },
        { "time NaN literal", "POST", "/next/{u}", Json, "{\"track\":7,\"time\":NaN}", 400, "body" },
        { "time Infinity literal", "POST", "/next/{u}", Json, "{\"track\":7,\"time\":Infinity}", 400, "body" },
        { "time overflowing to +Infinity", "POST", "/next/{u}", Json, "{\"track\":7,\"time\":1e400}", 400, "time" },
        { "time overflowing to -Infinity", "POST", "/last/{u}", Json, "{\"track\":7,\"time\":-1e400}", 400, "time" },
        { "time null", "POST", "/next/{u}", Json, "{\"track\":7,\"time\":null}", 400, "time" },
        { "time array", "POST", "/next/{u}", Json, "{\"track\":7,\"time\":[0.5]}", 400, "time" },
        { "time object", "POST", "/next/{u}", Json, "{\"track\":7,\"time\":{}}", 400, "time" },
        { "time negative", "POST", "/next/{u}", Json, "{\"track\":7,\"time\":-0.01}", 400, "time" },
        { "time above 1", "POST", "/last/{u}", Json, "{\"track\":7,\"time\":1.0001}", 400, "time" },
        { "time missing", "POST", "/next/{u}", Json, "{\"track\":7}", 400, "time" },
        { "extra field", "POST", "/next/{u}", Json, "{\"track\":7,\"time\":0.5,\"mood\":\"happy\"}", 400, "mood" },
        { "unknown track", "POST", "/next/{u}", Json, "{\"track\":5000,\"time\":0.5}", 404, "track" },
        { "unknown track on last", "POST", "/last/{u}", Json, "{\"track\":2147483647,\"time\":0.5}", 404, "track" },
        { "user not a number", "POST", "/next/abc", Json, "{\"track\":7,\"time\":0.5}", 400, "user" },
        { "user negative", "POST", "/next/-{u}", Json, "{\"track\":7,\"time\":0.5}", 400, "user" },
        { "user fraction", "POST", "/last/{u}.5", Json, "{\"track\":7,\"time\":0.5}", 400, "user" },
        { "user beyond 32 bits", "POST", "/next/2147483648", Json, "{\"track\":7,\"time\":0.5}", 400, "user" },
        { "user beyond 64 bits", "POST", "/next/99999999999999999999999", Json, "{\"track\":7,\"time\":0.5}", 400, "user" },
        { "user view of a non-number", "GET", "/user/x{u}", null, null, 400, "user" },
        { "track view of a negative", "GET", "/track/-3", null, null, 400, "track" },
        { "text content type", "POST", "/next/{u}", "text/plain", "{\"track\":7,\"time\":0.5}", 415, "Content-Type" },
        { "form content type", "POST", "/last/{u}", "application/x-www-form-urlencoded", "track=7&time=0.5", 415, "Content-Type" },
        { "no content type", "POST", "/next/{u}", null, "{\"track\":7,\"time\":0.5}", 415, "Content-Type" },
        { "body over 64 KiB", "POST", "/next/{u}", Json, Huge, 413, "body" },
        { "unknown path", "GET", "/nope/{u}", null, null, 404, "path" },
        { "next without user", "POST", "/next", Json, "{\"track\":7,\"time\":0.5}", 404, "path" },
        { "next with two ids", "POST", "/next/{u}/1", Json, "{\"track\":7,\"time\":0.5}", 404, "path" },
        { "GET on next", "GET", "/next/{u}", null, null, 405, "method" },
        { "PUT on last", "PUT", "/last/{u}", Json, "{\"track\":7,\"time\":0.5}", 405, "method" },
        { "DELETE on user", "DELETE", "/user/{u}", null, null, 405, "method" },
        { "POST on health", "POST", "/health", Json, "{}", 405, "method" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Client_mistake_is_4xx_naming_the_field_and_changes_nothing(
        string name, string method, string path, string? contentType, string? body, int status, string? field)
    {
        var http = gateway.Http;
        var user = gateway.NewUser();
        await (await http.Next(user, 10, 1.0)).Expect(200);

        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{u}", user.ToString()));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        var listener = path.StartsWith("/user", StringComparison.Ordinal) ? gateway.Admin : http; // the user view is on the management listener
        var error = await (await listener.SendAsync(request)).Expect(status);
        Assert.Equal(["message", "field"], error.PropertyNames());
        Assert.Equal(field, error.GetProperty("field").GetString());
        Assert.Contains(field!, error.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);

        await (await http.Next(user, 20, 0.5)).Expect(200);
        var history = await gateway.Admin.History(user);
        Assert.Equal(new[] { 10, 20 }, history);
        var lines = await EventLines.WaitForUser(gateway.App.LogDir, user, 2);
        await Task.Delay(50); // a stray line would have been written before the second play's line
        lines = EventLines.OfUser(gateway.App.LogDir, user);
        Assert.True(lines.Count == 2, $"{name}: expected only the two valid plays in the event log, found {lines.Count} lines");
        Assert.Equal([10, 20], lines.Select(l => l.GetProperty("track").GetInt32()));
    }
}
