using Botify.Contracts.Listening;

namespace Botify.Grains.Recommenders;

/// <summary>
/// A uniform random track of the previous track's list in a per-track table (i2i / contextual).
/// Fallback when the table or the track's row is missing: <c>StickyArtist</c>.
/// </summary>
public sealed class ContextualRecommender(string table, IRecommender fallback) : IRecommender
{
    public string Name { get; } = $"Contextual:{table}";

    public int Recommend(in RecommendationContext context) =>
        context.TryGetTrackRow(table, out var row) ? RowSampling.Any(row, context.Random) : fallback.Recommend(in context);
}
