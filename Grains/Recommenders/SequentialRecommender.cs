using Botify.Contracts.Listening;

namespace Botify.Grains.Recommenders;

/// <summary>
/// The track after the previous track in the user's list of a per-user table. Fallbacks:
/// previous track not in the list, or last in it → a random track of the list; no table or
/// no row for the user → <c>StickyArtist</c>.
/// </summary>
public sealed class SequentialRecommender(string table, IRecommender fallback) : IRecommender
{
    public string Name { get; } = $"Sequential:{table}";

    public int Recommend(in RecommendationContext context)
    {
        if (!context.TryGetUserRow(table, out var row)) return fallback.Recommend(in context);
        var at = Array.IndexOf(row, context.PrevTrack);
        return at >= 0 && at + 1 < row.Length ? row[at + 1] : RowSampling.Any(row, context.Random);
    }
}
