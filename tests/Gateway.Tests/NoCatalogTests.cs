namespace Botify.Gateway.Tests;

/// <summary>A gateway started without any catalog says so: not ready, and plays are refused with 503 and not logged.</summary>
public sealed class NoCatalogTests
{
    [Fact]
    public async Task Without_a_catalog_health_is_503_and_plays_are_refused_unlogged()
    {
        await using var app = new GatewayApp(catalog: null);
        using var http = app.Http();
        using var admin = app.AdminHttp();
        Assert.Equal("not ready", (await (await http.GetAsync("/health")).Expect(503)).GetProperty("status").GetString());
        var health = await (await admin.GetAsync("/health")).Expect(503);
        Assert.Equal("not ready", health.GetProperty("status").GetString());
        Assert.Contains("catalog", health.GetProperty("message").GetString());

        var next = await (await http.Next(1, 5, 0.5)).Expect(503);
        Assert.Contains("catalog", next.GetProperty("message").GetString());
        await (await http.GetAsync("/track/5")).Expect(503);
        await Task.Delay(200);
        Assert.Empty(EventLines.ReadAll(app.LogDir));
        Assert.Empty(await admin.History(1));
    }
}
