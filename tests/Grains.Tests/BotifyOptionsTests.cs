using Botify.Contracts.Experiments;
using Botify.Grains.Experiments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Botify.Grains.Tests;

public sealed class BotifyOptionsTests
{
    private static BotifyOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddBotifyGrains(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<BotifyOptions>>().Value;
    }

    [Fact]
    public void Without_configuration_the_SESSION_experiment_splits_StickyArtist_against_Session()
    {
        var options = Bind([]);
        var experiment = Assert.Single(options.Experiments);
        Assert.Equal("SESSION", experiment.Name);
        Assert.Equal(new Dictionary<string, string> { ["C"] = "StickyArtist", ["T1"] = "Session" }, experiment.Arms);
        Assert.Equal("StickyArtist", options.DefaultRecommender);
        Assert.Equal(100, options.HistoryLength);
        Assert.Equal(100, options.TopPop.Count);
    }

    [Fact]
    public void Configured_experiments_replace_the_default_one()
    {
        var options = Bind(new()
        {
            ["Botify:Experiments:0:Name"] = "TOP",
            ["Botify:Experiments:0:Arms:C"] = "Random",
            ["Botify:Experiments:0:Arms:T1"] = "TopPop",
            ["Botify:Experiments:0:Arms:T2"] = "Indexed:gcf",
        });
        var experiment = Assert.Single(options.Experiments);
        Assert.Equal("TOP", experiment.Name);
        Assert.Equal(3, experiment.Arms.Count);
    }

    [Fact]
    public void A_configured_threshold_overrides_only_its_method()
    {
        var options = Bind(new() { ["Botify:Session:Thresholds:lgcf"] = "0.5", ["Botify:Session:Tables:lfm"] = "als" });
        Assert.Equal(0.5, options.Session.Thresholds["lgcf"]);
        Assert.Equal(0.30, options.Session.Thresholds["lfm"]);
        Assert.Equal("als", options.Session.Tables["lfm"]);
        Assert.Equal("gcf", options.Session.Tables["lgcf"]);
    }

    [Fact]
    public void The_serving_experiment_chooses_the_recommender_and_every_experiment_gives_an_arm()
    {
        var options = Bind(new()
        {
            ["Botify:ServingExperiment"] = "B",
            ["Botify:Experiments:0:Name"] = "A",
            ["Botify:Experiments:0:Arms:C"] = "Random",
            ["Botify:Experiments:0:Arms:T1"] = "Random",
            ["Botify:Experiments:1:Name"] = "B",
            ["Botify:Experiments:1:Arms:C"] = "StickyArtist",
            ["Botify:Experiments:1:Arms:T1"] = "Session",
        });
        var assigner = new ExperimentAssigner(options, new Recommenders.RecommenderRegistry(options));
        for (long user = 0; user < 50; user++)
        {
            var arms = assigner.ArmsOf(user);
            Assert.Equal(["A", "B"], arms.Select(a => a.Experiment));
            Assert.Equal(ExperimentAssignment.ArmName(ExperimentAssignment.ArmIndex(user, "A", 2)), arms[0].Arm);
            Assert.Equal(arms[1].Arm == "C" ? "StickyArtist" : "Session", assigner.RecommenderOf(user).Name);
        }
    }

    [Fact]
    public void Serving_none_gives_everyone_the_default_recommender()
    {
        var options = Bind(new() { ["Botify:ServingExperiment"] = "none", ["Botify:DefaultRecommender"] = "TopPop" });
        var assigner = new ExperimentAssigner(options, new Recommenders.RecommenderRegistry(options));
        Assert.All(Enumerable.Range(0, 20), u => Assert.Equal("TopPop", assigner.RecommenderOf(u).Name));
        Assert.Equal("SESSION", Assert.Single(assigner.ArmsOf(3)).Experiment);
    }

    [Theory]
    [InlineData("Botify:Experiments:0:Arms:T1", "Sesion", "Botify:Experiments:0:Arms:T1: unknown recommender \"Sesion\"")]
    [InlineData("Botify:Experiments:0:Arms:T3", "Random", "has no arm T2")]
    [InlineData("Botify:ServingExperiment", "NOPE", "Botify:ServingExperiment \"NOPE\" is not a configured experiment")]
    [InlineData("Botify:DefaultRecommender", "Indexed", "Botify:DefaultRecommender: recommender \"Indexed\" needs a table")]
    [InlineData("Botify:Session:StartMethod", "dssm", "Botify:Session:StartMethod \"dssm\"")]
    public async Task A_host_with_a_bad_setting_fails_at_start_naming_the_key(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Botify:Experiments:0:Name"] = "X",
            ["Botify:Experiments:0:Arms:C"] = "StickyArtist",
            ["Botify:Experiments:0:Arms:T1"] = "Session",
            [key] = value,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var host = new HostBuilder().ConfigureServices(s => s.AddBotifyGrains(configuration)).Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(expected, error.Message);
    }
}
