using Botify.Contracts.Experiments;
using Botify.Contracts.Listening;

namespace Botify.Sim.InProcess;

/// <summary>Names accepted by `--arms` and the policies (the service's table-free recommenders) they build.</summary>
public static class PolicyCatalog
{
    public static readonly string[] Names = ["random", "sticky-artist"];

    public static IRecommender Create(string name) => name switch
    {
        "random" => new RandomPolicy(),
        "sticky-artist" => new StickyArtistRecommender(new RandomPolicy()),
        _ => throw new ArgumentException($"--arms: unknown policy '{name}'; use one of {string.Join(", ", Names)}"),
    };

    /// <summary>The policy that plays the service's recommender <paramref name="recommender"/> ("Random", "StickyArtist"), or null when none does.</summary>
    public static string? OfRecommender(string recommender) => recommender.Trim().ToLowerInvariant() switch
    {
        "random" => "random",
        "stickyartist" => "sticky-artist",
        _ => null,
    };

    /// <summary>Parses "C=random,T1=sticky-artist": arms must be C, T1, T2, ... in that order.</summary>
    public static string[] ParseArms(string arms)
    {
        var parts = arms.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < ExperimentAssignment.MinArms || parts.Length > ExperimentAssignment.MaxArms)
            throw new ArgumentException($"--arms '{arms}': give 2..9 arms, e.g. C=random,T1=sticky-artist");
        var policies = new string[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var pair = parts[i].Split('=', 2, StringSplitOptions.TrimEntries);
            var expected = ExperimentAssignment.ArmName(i);
            if (pair.Length != 2 || pair[0] != expected)
                throw new ArgumentException($"--arms '{arms}': arm {i + 1} must be written {expected}=<policy> (arms are C, T1, T2, ... in order)");
            if (Array.IndexOf(Names, pair[1]) < 0)
                throw new ArgumentException($"--arms: unknown policy '{pair[1]}' for arm {expected}; use one of {string.Join(", ", Names)}");
            policies[i] = pair[1];
        }
        return policies;
    }
}
