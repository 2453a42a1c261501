using Botify.Contracts.Listening;

namespace Botify.Grains.Recommenders;

/// <summary>
/// A uniform random track of the user's list in a per-user table (e.g. LGCF).
/// Fallback when the table or the user's row is missing: the given recommender
/// (<c>StickyArtist</c> from the registry; <c>Random</c> inside the session recommender, as the seed).
/// </summary>
public sealed class IndexedRecommender(string table, IRecommender fallback) : IRecommender
{
    public string Name { get; } = $"Indexed:{table}";

    public string Table => table;

    public int Recommend(in RecommendationContext context) =>
        context.TryGetUserRow(table, out var row) ? RowSampling.Any(row, context.Random) : fallback.Recommend(in context);
}
