using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Botify.Gateway.Tests;

/// <summary>
/// The single-machine gateway as a process: once its idle users are deactivated it runs the memory release by itself, says so, and
/// every user still reads back whole (their state is in storage, not in the released grains).
/// </summary>
public sealed class DeactivatedMemoryReleaseProcessTests(ITestOutputHelper output)
{
    private const int Users = 300;
    private static readonly string Catalog = TestCatalogFolder.Write();

    [Fact]
    public async Task Idle_users_are_deactivated_their_memory_is_released_and_each_reads_back_whole()
    {
        var logDir = Path.Combine(Path.GetTempPath(), "botify-release-" + Guid.NewGuid().ToString("N")[..8]);
        var gateway = new GatewayProcess("--catalog", Catalog, "--log-dir", logDir, "--instance", "release",
            "--Botify:IdleDeactivation", "00:00:02", "--Botify:ReleaseMemoryAfter", "100");
        try
        {
            await gateway.WaitReadyAsync(TimeSpan.FromSeconds(120));
            using var http = gateway.Http();
            var unavailable = 0;
            for (var u = 0; u < Users; u++)
            {
                // A 503 (JSON, e.g. a grain call that timed out while the suite loads the cores) is retried, as a client would.
                for (var attempt = 1; ; attempt++)
                {
                    using var answer = await http.PostAsJsonAsync($"/next/{80_000 + u}", new { track = 1 + u % 5, time = 0.5 });
                    if (answer.StatusCode == HttpStatusCode.OK) break;
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
                    unavailable++;
                    output.WriteLine($"user {80_000 + u}: 503 {await answer.Content.ReadAsStringAsync()}");
                    Assert.True(attempt < 10, $"user {80_000 + u}: /next answered 503 ten times");
                    await Task.Delay(200);
                }
            }
            output.WriteLine($"{Users} users played once ({unavailable} × 503 retried)");

            var clock = Stopwatch.StartNew();
            const string Released = @"user grains (\d+) → (\d+) after idle deactivation: full GC released their memory \(heap (\d+) → (\d+) MB";
            Match released;
            while (!(released = Regex.Match(gateway.Output, Released)).Success)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"no memory release within 60 s of the last request:\n{gateway.Output}");
                await Task.Delay(250);
            }
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s after the last request: {released.Value}");
            // The rule: at most half the peak left, and at least the threshold gone (on a loaded machine some users go idle mid-fill,
            // so the peak may be below 300).
            var (peak, now) = (int.Parse(released.Groups[1].Value), int.Parse(released.Groups[2].Value));
            Assert.True(peak - now >= 100 && now * 2 <= peak, released.Value);

            using var admin = gateway.AdminHttp();
            for (var u = 0; u < Users; u += 37)
            {
                var view = await admin.GetFromJsonAsync<JsonElement>($"/user/{80_000 + u}");
                Assert.Equal($"[{1 + u % 5}]", view.GetProperty("history").GetRawText());
            }
        }
        finally
        {
            gateway.Dispose();
            if (Directory.Exists(logDir)) Directory.Delete(logDir, recursive: true);
        }
    }
}
