using Botify.Grains.Catalog;
using Botify.Grains.Recommenders;

namespace Botify.Grains;

/// <summary>
/// The user grain's state rules, in one place so in-process harnesses replay the service exactly:
/// a play joins the history (and the session, for session-aware recommenders); the answer is the
/// recommender's track, or a random one when a table named a track the catalog lacks; a `last` ends the session.
/// </summary>
public static class PlayRecorder
{
    /// <summary>Appends a play to the history (keeping <see cref="BotifyOptions.HistoryLength"/>) and, when asked, to the session.</summary>
    public static void Record(UserState state, BotifyOptions settings, int track, double time, bool keepSession)
    {
        var history = state.History;
        history.Add(track);
        var excess = history.Count - settings.HistoryLength;
        if (excess > 0) history.RemoveRange(0, excess);
        if (!keepSession) return;
        var session = state.Session;
        session.Add(new SessionPlay(track, time));
        excess = session.Count - settings.SessionLength;
        if (excess > 0) session.RemoveRange(0, excess);
    }

    /// <summary>The recommender's answer for a recorded play, always a catalog track (the client could not play another).</summary>
    public static int Recommend(IRecommender recommender, in RecommendationContext context)
    {
        var recommendation = recommender.Recommend(in context);
        return context.Catalog.Tracks.Contains(recommendation) ? recommendation : RandomTrack(context.Catalog, context.Random);
    }

    /// <summary>A `last` play was recorded and observed: the next request starts a new session.</summary>
    public static void EndSession(UserState state) => state.Session.Clear();

    private static int RandomTrack(CatalogSnapshot catalog, Random random) =>
        catalog.Tracks.AllTracks[random.Next(catalog.Tracks.AllTracks.Length)];
}
