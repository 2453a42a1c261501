using Botify.Ops.Service;

namespace Botify.Ops.Tests;

public sealed class HealthParserTests
{
    [Fact]
    public void Reads_a_ready_gateway_with_its_catalog_and_process_figures()
    {
        var health = HealthParser.Gateway(Captured.Read("gateway-health-ready.json"));

        Assert.True(health.IsReady);
        Assert.True(health.HasCatalog);
        Assert.Equal("1-20261201T091113573Z", health.CatalogVersion);
        Assert.Equal(50000, health.Tracks);
        Assert.Equal("cluster", health.Storage);
        Assert.NotNull(health.Process);
        Assert.Equal(67.646, health.Process.GcPauseMilliseconds);
        Assert.Equal(4, health.Process.TotalCollections); // gcCollections [2,1,1]
        Assert.Equal(20.6775712, health.Process.UptimeSeconds);
        Assert.Equal("ready, catalog 1-20261201T091113573Z (50,000 tracks)", health.Describe());
    }

    [Fact]
    public void A_gateway_before_any_catalog_is_not_ready_and_says_what_to_do()
    {
        var health = HealthParser.Gateway(Captured.Read("gateway-health-503-no-catalog.json"));

        Assert.False(health.IsReady);
        Assert.False(health.HasCatalog); // the service answers "none"
        Assert.Contains("publish", health.CatalogProblem);
        Assert.StartsWith("not ready, no catalog yet; problem: no catalog published yet", health.Describe());
    }

    [Fact]
    public void Reads_a_silo_ready_and_before_its_catalog()
    {
        var ready = HealthParser.Silo(Captured.Read("silo-health-ready.json"));
        var empty = HealthParser.Silo(Captured.Read("silo-health-no-catalog.json"));

        Assert.True(ready.IsReady);
        Assert.Equal("S127.0.0.1:7321:155121049", ready.Silo);
        Assert.Equal("1-20261201T091113573Z", ready.CatalogVersion);
        Assert.False(empty.IsReady);
        Assert.False(empty.HasCatalog);
    }
}
