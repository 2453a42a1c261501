using Botify.Hosting;
using Microsoft.Extensions.Configuration;

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
}
