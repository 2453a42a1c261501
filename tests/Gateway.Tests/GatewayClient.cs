using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Botify.Gateway.Tests;

/// <summary>Request helpers over a real HTTP client.</summary>
internal static class GatewayClient
{
    public static Task<HttpResponseMessage> PostRaw(this HttpClient http, string path, string? body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body ?? ""));
        if (contentType is not null) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return http.PostAsync(path, content);
    }

    public static Task<HttpResponseMessage> Next(this HttpClient http, int user, int track, double time) =>
        http.PostRaw($"/next/{user}", $"{{\"track\":{track},\"time\":{time.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}");

    public static Task<HttpResponseMessage> Last(this HttpClient http, int user, int track, double time) =>
        http.PostRaw($"/last/{user}", $"{{\"track\":{track},\"time\":{time.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}");

    public static async Task<JsonElement> Json(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The answer's JSON after asserting its status and content type.</summary>
    public static async Task<JsonElement> Expect(this HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<int[]> History(this HttpClient http, int user)
    {
        var view = await (await http.GetAsync($"/user/{user}")).Expect(200);
        return view.GetProperty("history").EnumerateArray().Select(e => e.GetInt32()).ToArray();
    }

    public static string[] PropertyNames(this JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
