using Botify.Contracts.Catalog;
using Botify.Contracts.Listening;
using Botify.Grains.Recommenders;

namespace Botify.Grains.Tests;

/// <summary>Builds recommendation contexts the way the grain does: the previous track already appended to the history.</summary>
internal static class Contexts
{
    /// <summary>No limit a test's history reaches.</summary>
    private const int HistoryLimit = 10_000;

    public static RecommendationContext For(
        long user, int prev, double time = 1.0, IEnumerable<int>? earlier = null, CatalogSnapshot? catalog = null,
        Random? random = null, UserState? state = null)
    {
        state ??= new UserState { Method = "lgcf" };
        if (earlier is not null)
        {
            foreach (var track in earlier) state.History.Add(track, HistoryLimit);
        }
        state.History.Add(prev, HistoryLimit);
        return new RecommendationContext(user, prev, time, state, catalog ?? TestCatalog.Snapshot, random ?? new Random(42));
    }

    /// <summary>The distinct answers of many draws with the same state (the state is restored between draws).</summary>
    public static HashSet<int> Draws(IRecommender recommender, long user, int prev, int draws = 3000, IEnumerable<int>? earlier = null,
        CatalogSnapshot? catalog = null, string method = "lgcf")
    {
        var random = new Random(7);
        var seen = new HashSet<int>();
        for (var i = 0; i < draws; i++)
        {
            var context = For(user, prev, 1.0, earlier, catalog, random, new UserState { Method = method });
            seen.Add(recommender.Recommend(in context));
        }
        return seen;
    }

    public static RecommenderRegistry Registry(Action<BotifyOptions>? configure = null)
    {
        var options = new BotifyOptions();
        configure?.Invoke(options);
        return new RecommenderRegistry(options);
    }
}
