using System.Net;
using Xunit.Abstractions;

namespace Botify.Security.Tests;

/// <summary>
/// A real gateway process with and without `--admin-urls`: what its start says about the management endpoints,
/// and which listener answers them.
/// </summary>
public sealed class ManagementListenerTests(ITestOutputHelper output)
{
    private const string NoAdminLine = "botify gateway: no --admin-urls given: the management endpoints "
        + "(dashboard, /user/{user}, detailed /health, /experiments, OpenAPI) are not served; pass --admin-urls http://127.0.0.1:PORT to serve them";

    private static readonly string[] ManagementPaths = ["/user/1", "/dashboard/", "/openapi/v1.json", "/experiments", "/experiments/SESSION/view"];

    // In memory, whatever the machine's environment says: the test is about the listeners, not about storage.
    private static readonly Dictionary<string, string?> InMemory = new() { ["BOTIFY_REDIS"] = null, ["Botify__Redis"] = null };

    [Fact]
    public async Task A_gateway_without_admin_urls_says_so_in_one_line_at_start_and_serves_no_management_path()
    {
        await using var gateway = BotifyProcess.Gateway("gateway-no-admin", ["--catalog", TestCatalog.Write()], InMemory, management: false);
        await gateway.Process.WaitForAsync(gateway.PublicUrl + "/health");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var path in ManagementPaths)
        {
            using var response = await http.GetAsync(gateway.PublicUrl + path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode} without --admin-urls");
        }
        var lines = gateway.Process.Stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        output.WriteLine(string.Join('\n', lines.Where(l => l.StartsWith("botify", StringComparison.Ordinal))));
        Assert.Single(lines, NoAdminLine);
        Assert.DoesNotContain(lines, l => l.Contains(" only", StringComparison.Ordinal) && l.Contains("admin (", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_gateway_with_admin_urls_names_both_listeners_and_serves_management_paths_on_the_admin_one_only()
    {
        await using var gateway = BotifyProcess.Gateway("gateway-admin", ["--catalog", TestCatalog.Write()], InMemory);
        await gateway.Process.WaitForAsync(gateway.AdminUrl + "/health");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var path in ManagementPaths)
        {
            using var admin = await http.GetAsync(gateway.AdminUrl + path);
            Assert.True(admin.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)admin.StatusCode} on the admin listener");
            using var open = await http.GetAsync(gateway.PublicUrl + path);
            Assert.True(open.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)open.StatusCode} on the public listener");
        }
        var stdout = gateway.Process.Stdout;
        Assert.DoesNotContain("no --admin-urls given", stdout);
        Assert.Contains($"botify gateway: public API on {gateway.PublicUrl}; admin (dashboard, /user/{{user}}, detailed /health, /experiments, OpenAPI) on "
            + $"{gateway.AdminUrl} only", stdout);
    }
}
