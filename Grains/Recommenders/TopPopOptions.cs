namespace Botify.Grains.Recommenders;

/// <summary>Options of <see cref="TopPopRecommender"/> (Botify:TopPop).</summary>
public sealed class TopPopOptions
{
    /// <summary>The recommendation is uniform among this many most popular tracks.</summary>
    public int Count { get; set; } = 100;
}
