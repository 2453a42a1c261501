namespace Botify.Lab.Training;

/// <summary>How the per-user tables (LFM, LGCF) are built from a trained embedding model (<see cref="UserLists"/>).</summary>
public sealed record UserListOptions
{
    public static readonly UserListOptions Defaults = new();

    /// <summary>The user's best-scored liked tracks whose neighbourhoods make the list (0: the plain top-K by user·track).</summary>
    public int Seeds { get; init; } = 30;

    /// <summary>Listeners of a seed whose liked tracks are its neighbour candidates (the first ones by index; bounds a popular seed's cost).</summary>
    public int SeedListeners { get; init; } = 50;

    /// <summary>Leave each user's training positives out (the offline protocol); by default they stay, a liked track is a good pick in a new session.</summary>
    public bool ExcludeSeen { get; init; }

    /// <summary>A message naming the `train` option to fix, or null.</summary>
    public string? Problem() => Seeds < 0 || SeedListeners < 1 ? "--list-seeds must be ≥ 0 and --list-seed-listeners ≥ 1." : null;
}
