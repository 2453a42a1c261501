using Botify.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Botify.Gateway.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Short_switches_land_on_the_options_keys()
    {
        var configuration = new ConfigurationBuilder()
            .AddBotifyCommandLine(["--redis", "10.0.0.5:6380", "--catalog", "data", "--log-dir", "logs", "--instance", "gw-a", "--log-max-bytes",
                "4096", "--urls", "http://127.0.0.1:5001"])
            .Build();
        Assert.Equal("10.0.0.5:6380", configuration["Botify:Redis"]);
        Assert.Equal("data", configuration["Botify:Catalog"]);
        Assert.Equal("logs", configuration["Botify:EventLog:Directory"]);
        Assert.Equal("gw-a", configuration["Botify:EventLog:Instance"]);
        Assert.Equal("4096", configuration["Botify:EventLog:MaxFileBytes"]);
        Assert.Equal("http://127.0.0.1:5001", configuration["urls"]);
    }

    [Fact]
    public void Event_log_switches_bind_to_its_options()
    {
        var options = new ConfigurationBuilder()
            .AddBotifyCommandLine(
                ["--log-layout", "reference", "--log-backups", "3", "--log-retain-files", "5", "--log-retain-bytes", "1000000", "--log-queue", "99"])
            .Build().GetSection(EventLogOptions.Section).Get<EventLogOptions>()!;
        Assert.Equal(("reference", 3, 5, 1_000_000L, 99), (options.Layout, options.Backups, options.RetainFiles, options.RetainBytes, options.QueueCapacity));
    }

    [Fact]
    public void An_unknown_layout_is_refused_naming_the_switch_and_the_layouts()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new EventLogWriter(Options.Create(new EventLogOptions { Layout = "csv" }), NullLogger<EventLogWriter>.Instance));
        Assert.Contains("--log-layout 'csv'", error.Message);
        Assert.Contains("jsonl", error.Message);
        Assert.Contains("reference", error.Message);
    }

    [Fact]
    public async Task Retention_switches_with_the_reference_layout_are_refused_at_start_pointing_to_backups()
    {
        using var writer = new EventLogWriter(
            Options.Create(new EventLogOptions
            {
                Layout = "reference",
                RetainFiles = 3,
                Directory = Directory.CreateTempSubdirectory("botify-gw-log-").FullName,
            }),
            NullLogger<EventLogWriter>.Instance);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => writer.StartAsync(CancellationToken.None));
        Assert.Contains("--log-backups", error.Message);
    }
}
