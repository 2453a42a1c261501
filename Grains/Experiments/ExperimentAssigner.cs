using Botify.Contracts.Experiments;
using Botify.Contracts.Listening;
using Botify.Grains.Recommenders;
using Microsoft.Extensions.Options;

namespace Botify.Grains.Experiments;

/// <summary>
/// The configured experiments: a user's arm in each (all go into every answer, for the event
/// log) and the recommender serving them (the arm's of the serving experiment, or the default).
/// Built once per silo; every spec is resolved at construction so a bad one fails at start.
/// </summary>
public sealed class ExperimentAssigner
{
    private readonly ConfiguredExperiment[] experiments;
    private readonly int serving;   // index into experiments, -1 = the default recommender for everyone
    private readonly IRecommender defaultRecommender;

    public ExperimentAssigner(IOptions<BotifyOptions> options, RecommenderRegistry registry)
        : this(options.Value, registry)
    {
    }

    public ExperimentAssigner(BotifyOptions options, RecommenderRegistry registry)
    {
        var error = BotifyOptionsValidator.Describe(options);
        if (error is not null) throw new ArgumentException(error);
        defaultRecommender = registry.Get(options.DefaultRecommender);
        experiments = new ConfiguredExperiment[options.Experiments.Count];
        for (var e = 0; e < experiments.Length; e++)
        {
            var config = options.Experiments[e];
            var arms = new IRecommender[config.Arms.Count];
            var lookup = new Dictionary<string, string>(config.Arms, StringComparer.OrdinalIgnoreCase);
            for (var a = 0; a < arms.Length; a++) arms[a] = registry.Get(lookup[ExperimentAssignment.ArmName(a)]);
            experiments[e] = new ConfiguredExperiment(config.Name, ExperimentAssignment.Seed(config.Name), arms);
        }
        serving = ServingIndex(options);
    }

    /// <summary>Names of the configured experiments, in configuration order.</summary>
    public IEnumerable<string> ExperimentNames => experiments.Select(e => e.Name);

    /// <summary>Every configured experiment with its arms and their recommenders, in configuration order.</summary>
    public ExperimentDescription[] Describe()
    {
        var result = new ExperimentDescription[experiments.Length];
        for (var e = 0; e < experiments.Length; e++)
        {
            var x = experiments[e];
            var arms = new string[x.Arms.Length];
            var recommenders = new string[x.Arms.Length];
            for (var a = 0; a < arms.Length; a++)
            {
                arms[a] = ExperimentAssignment.ArmName(a);
                recommenders[a] = x.Arms[a].Name;
            }
            result[e] = new ExperimentDescription(x.Name, arms, recommenders);
        }
        return result;
    }

    /// <summary>The user's arm of every configured experiment, in configuration order.</summary>
    public ExperimentArm[] ArmsOf(long user)
    {
        var arms = new ExperimentArm[experiments.Length];
        for (var e = 0; e < experiments.Length; e++)
        {
            var x = experiments[e];
            arms[e] = new ExperimentArm(x.Name, ExperimentAssignment.ArmName(ExperimentAssignment.ArmIndex(user, x.Seed, x.Arms.Length)));
        }
        return arms;
    }

    /// <summary>The recommender serving the user.</summary>
    public IRecommender RecommenderOf(long user)
    {
        if (serving < 0) return defaultRecommender;
        var x = experiments[serving];
        return x.Arms[ExperimentAssignment.ArmIndex(user, x.Seed, x.Arms.Length)];
    }

    internal static int ServingIndex(BotifyOptions options)
    {
        if (string.Equals(options.ServingExperiment, BotifyOptions.NoServingExperiment, StringComparison.OrdinalIgnoreCase)) return -1;
        if (string.IsNullOrWhiteSpace(options.ServingExperiment)) return options.Experiments.Count > 0 ? 0 : -1;
        return options.Experiments.FindIndex(x => string.Equals(x.Name, options.ServingExperiment, StringComparison.Ordinal));
    }

    private sealed record ConfiguredExperiment(string Name, uint Seed, IRecommender[] Arms);
}
