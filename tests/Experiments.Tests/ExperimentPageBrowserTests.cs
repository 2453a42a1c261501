using Botify.TestSupport;
using PuppeteerSharp;
using Xunit.Abstractions;

namespace Botify.Experiments.Tests;

/// <summary>`GET /experiments/{name}/view` in a real headless Chromium (Debian's `chromium`; ./test.sh installs it).</summary>
public sealed class ExperimentPageBrowserTests(RedisServer redis, ITestOutputHelper output) : IClassFixture<RedisServer>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task The_page_shows_the_arms_and_the_chart_and_updates_itself_after_more_traffic()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (apt-get install chromium; ./test.sh does it)");
        var world = LiveWorld.Create(seed: 9);
        await world.PublishAsync(redis.Address);
        await using var app = new LiveGatewayApp(redis.Address, Directory.CreateTempSubdirectory("botify-live-page-").FullName);
        using var http = app.Http();
        using var admin = app.AdminHttp();
        await Health.WaitReadyAsync(http);
        await world.RunAsync([app.BaseUri], episodes: 600, seed: 1);
        await LiveFigures.SettledAsync(admin, LiveGatewayApp.Experiment, app.LogDir);

        var profile = Directory.CreateTempSubdirectory("botify-chromium-").FullName;
        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            UserDataDir = profile,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        await using var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 900, Height = 1400 });
        // A management page: on the public listener the browser gets the 404 JSON of an unknown path, on the admin listener the page.
        var refused = await page.GoToAsync(new Uri(app.BaseUri, $"experiments/{LiveGatewayApp.Experiment}/view").ToString(), WaitUntilNavigation.Load);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, refused.Status);
        Assert.Equal(0, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('svg.chart').length"));
        var response = await page.GoToAsync(new Uri(app.AdminUri, $"experiments/{LiveGatewayApp.Experiment}/view").ToString(), WaitUntilNavigation.Load);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.Status);

        // Rendered by the browser: three arms with their recommenders, one chart per metric with a dot and both bars per treatment.
        Assert.Equal(["C", "T1", "T2"],
            await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('table.arms tbody tr')].map(r => r.dataset.arm)"));
        Assert.Equal(["StickyArtist", "Random", "TopPop"],
            await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('table.arms tbody tr td.text')].map(td => td.textContent)"));
        Assert.Equal(5, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('svg.chart').length"));
        Assert.Equal(10, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('svg.chart circle.effect').length"));
        Assert.Equal(10, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('svg.chart line.welch').length"));
        Assert.Equal(10, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('svg.chart line.seq').length"));
        // The always-valid bar is drawn at least as wide as the Welch bar, as the browser lays them out.
        Assert.True(await page.EvaluateExpressionAsync<bool>(
            "[...document.querySelectorAll('svg.chart g.row')]"
            + ".every(g => g.querySelector('line.seq').getBBox().width + 0.5 >= g.querySelector('line.welch').getBBox().width)"));
        var usersBefore = await ControlUsers(page);
        var renderedBefore = await page.EvaluateExpressionAsync<string>("document.getElementById('live').dataset.rendered");
        await page.EvaluateExpressionAsync("window.loadedOnce = true");
        output.WriteLine($"page shows {usersBefore} users in C after 600 episodes");

        await world.RunAsync([app.BaseUri], episodes: 600, seed: 2);
        await LiveFigures.SettledAsync(admin, LiveGatewayApp.Experiment, app.LogDir);
        var expected = (await LiveFigures.ReadAsync(admin, LiveGatewayApp.Experiment)).GetProperty("arms")[0].GetProperty("users").GetInt32();
        Assert.True(expected > usersBefore, $"the second run added no user to C ({usersBefore} → {expected})");
        await page.WaitForFunctionAsync($"() => document.querySelector('table.arms tr[data-arm=C] td.users').textContent.replace(/,/g, '') == '{expected}'",
            new WaitForFunctionOptions { Timeout = 20_000 });

        Assert.True(await page.EvaluateExpressionAsync<bool>("window.loadedOnce === true"), "the page reloaded instead of updating itself");
        Assert.NotEqual(renderedBefore, await page.EvaluateExpressionAsync<string>("document.getElementById('live').dataset.rendered"));
        output.WriteLine($"page updated itself to {await ControlUsers(page)} users in C");

        var screenshot = Environment.GetEnvironmentVariable("BOTIFY_SCREENSHOT") ?? Path.Combine(profile, "view.png");
        await page.ScreenshotAsync(screenshot, new ScreenshotOptions { FullPage = true });
        output.WriteLine($"screenshot: {screenshot}");
    }

    private static async Task<int> ControlUsers(IPage page) =>
        int.Parse((await page.EvaluateExpressionAsync<string>("document.querySelector('table.arms tr[data-arm=C] td.users').textContent")).Replace(",", ""));
}
