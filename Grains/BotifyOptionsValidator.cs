using Botify.Contracts.Experiments;
using Botify.Grains.Experiments;
using Botify.Grains.Recommenders;
using Microsoft.Extensions.Options;

namespace Botify.Grains;

/// <summary>Checks the "Botify" section at start, so a typo stops the silo with a message naming the key and the fix.</summary>
public sealed class BotifyOptionsValidator : IValidateOptions<BotifyOptions>
{
    public const int MinArms = ExperimentAssignment.MinArms;
    public const int MaxArms = ExperimentAssignment.MaxArms;

    /// <summary>The shortest idle time before a user grain is deactivated (the silo then checks for idle grains every quarter of it).</summary>
    public static readonly TimeSpan MinIdleDeactivation = TimeSpan.FromSeconds(2);

    public ValidateOptionsResult Validate(string? name, BotifyOptions options) =>
        Describe(options) is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;

    /// <summary>Every problem of the options in one message, or null when they are valid.</summary>
    public static string? Describe(BotifyOptions options)
    {
        var errors = new List<string>();
        Spec(errors, "Botify:DefaultRecommender", options.DefaultRecommender);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var e = 0; e < options.Experiments.Count; e++)
        {
            var x = options.Experiments[e];
            var key = $"Botify:Experiments:{e}";
            if (string.IsNullOrWhiteSpace(x.Name)) errors.Add($"{key}:Name is empty; give the experiment a name (it seeds the assignment)");
            else if (!names.Add(x.Name)) errors.Add($"{key}:Name \"{x.Name}\" is used twice; experiment names must be unique");
            var split = x.Arms.Count;
            if (split is < MinArms or > MaxArms)
            {
                errors.Add($"{key}:Arms has {split} arms; an experiment needs {MinArms}..{MaxArms} arms named C, T1, T2, ...");
                continue;
            }
            var arms = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (arm, spec) in x.Arms)
            {
                if (!arms.TryAdd(arm, spec)) errors.Add($"{key}:Arms:{arm} is given twice (arm names are case-insensitive)");
            }
            for (var a = 0; a < split; a++)
            {
                var arm = ExperimentAssignment.ArmName(a);
                if (arms.TryGetValue(arm, out var spec)) Spec(errors, $"{key}:Arms:{arm}", spec);
                else errors.Add($"{key}:Arms has no arm {arm}; a split of {split} has arms " +
                    $"{string.Join(", ", Enumerable.Range(0, split).Select(ExperimentAssignment.ArmName))}");
            }
        }
        if (ExperimentAssigner.ServingIndex(options) < 0
            && !string.IsNullOrWhiteSpace(options.ServingExperiment)
            && !string.Equals(options.ServingExperiment, BotifyOptions.NoServingExperiment, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"Botify:ServingExperiment \"{options.ServingExperiment}\" is not a configured experiment; use one of " +
                $"[{string.Join(", ", options.Experiments.Select(x => x.Name))}], \"\" for the first or \"{BotifyOptions.NoServingExperiment}\"");
        }
        if (options.HistoryLength < 1) errors.Add($"Botify:HistoryLength is {options.HistoryLength}; it must be 1 or more");
        if (options.SessionLength < 1) errors.Add($"Botify:SessionLength is {options.SessionLength}; it must be 1 or more");
        if (options.IdempotencyWindow < 0) errors.Add($"Botify:IdempotencyWindow is {options.IdempotencyWindow}; it must be 0 or more");
        var live = options.LiveExperiments;
        if (live.Shards is < 1 or > 4096) errors.Add($"Botify:LiveExperiments:Shards is {live.Shards}; it must be 1..4096 (default 8)");
        if (live.FlushInterval < TimeSpan.Zero)
        {
            errors.Add($"Botify:LiveExperiments:FlushInterval is {live.FlushInterval}; it must be 0 or more (default 00:00:00.2)");
        }
        if (live.SendTimeout <= TimeSpan.Zero) errors.Add($"Botify:LiveExperiments:SendTimeout is {live.SendTimeout}; it must be positive (default 00:00:10)");
        if (live.RetryDelay <= TimeSpan.Zero) errors.Add($"Botify:LiveExperiments:RetryDelay is {live.RetryDelay}; it must be positive (default 00:00:01)");
        if (live.MaxAttempts < 1) errors.Add($"Botify:LiveExperiments:MaxAttempts is {live.MaxAttempts}; it must be 1 or more (default 6)");
        if (options.IdleDeactivation < MinIdleDeactivation)
        {
            errors.Add($"Botify:IdleDeactivation is {options.IdleDeactivation}; it must be {MinIdleDeactivation} or more (e.g. 00:10:00, ten minutes)");
        }
        if (options.ReleaseMemoryAfter < 0)
        {
            errors.Add($"Botify:ReleaseMemoryAfter is {options.ReleaseMemoryAfter}; it must be 0 (never) or a number of deactivated user grains "
                + "(unset: 10000 on the single-machine gateway, 0 on a cluster silo)");
        }
        if (options.TopPop.Count < 1) errors.Add($"Botify:TopPop:Count is {options.TopPop.Count}; it must be 1 or more");
        try
        {
            _ = new SessionRecommender(options.Session, new RandomRecommender());
        }
        catch (ArgumentException e)
        {
            errors.Add(e.Message);
        }
        try
        {
            _ = new SessionNeighboursRecommender("check", options.SessionNeighbours, new RandomRecommender());
        }
        catch (ArgumentException e)
        {
            errors.Add(e.Message);
        }
        return errors.Count == 0 ? null : string.Join("; ", errors);
    }

    private static void Spec(List<string> errors, string key, string? spec)
    {
        if (RecommenderRegistry.Check(spec) is { } problem) errors.Add($"{key}: {problem}");
    }
}
