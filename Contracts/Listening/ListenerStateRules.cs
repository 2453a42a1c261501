using Botify.Contracts.Catalog;

namespace Botify.Contracts.Listening;

/// <summary>
/// The listener-state rules, in one place so the service and every in-process harness apply a play the
/// same way. A `next`: a request id already applied is answered again (not re-applied); a play of a track
/// the catalog lacks (or before any catalog) changes nothing; otherwise the play joins the history (and
/// the session, for session-aware recommenders), the recommender answers — a catalog track always, a random
/// one when a table named a track the catalog lacks — and the request id is remembered. A `last` does the
/// same without an answer: the recommender observes the play and the session ends. The caller persists
/// the state when the outcome is <see cref="PlayOutcome.Applied"/>, before it acknowledges the play.
/// </summary>
public sealed class ListenerStateRules
{
    /// <summary>The recommendation of an answer that has none.</summary>
    public const int NoTrack = -1;

    /// <summary>The service's defaults (Botify:HistoryLength, SessionLength, IdempotencyWindow, Session:StartMethod), for in-process players.</summary>
    public const int DefaultHistoryLength = 100;

    public const int DefaultSessionLength = 100;

    public const int DefaultIdempotencyWindow = 16;

    public const string DefaultStartMethod = "lgcf";

    private readonly int historyLength;
    private readonly int sessionLength;
    private readonly int idempotencyWindow;
    private readonly string startMethod;

    /// <param name="historyLength">Tracks kept in a user's history (oldest dropped first).</param>
    /// <param name="sessionLength">Plays of the current session kept for session-aware recommenders.</param>
    /// <param name="idempotencyWindow">Applied request ids remembered to answer retries (0 = none).</param>
    /// <param name="startMethod">The session recommender's method of a new user.</param>
    public ListenerStateRules(int historyLength, int sessionLength, int idempotencyWindow, string startMethod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(historyLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sessionLength, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(idempotencyWindow);
        this.historyLength = historyLength;
        this.sessionLength = sessionLength;
        this.idempotencyWindow = idempotencyWindow;
        this.startMethod = startMethod;
    }

    /// <summary>A state loaded from storage (or new) gets the start method when it has none.</summary>
    public void Activate(UserState state)
    {
        if (state.Method.Length == 0) state.Method = startMethod;
    }

    /// <summary>A `next` play: applies it and sets <paramref name="recommendation"/> (the earlier answer for a duplicate, else <see cref="NoTrack"/>
    /// when refused).</summary>
    public PlayOutcome Next(UserState state, in ListenerPlay play, IRecommender recommender, CatalogSnapshot catalog, Random random, out int recommendation)
    {
        var key = KeyOf(play.RequestId);
        if (TryFindApplied(state, key, out var earlier))
        {
            recommendation = earlier.Recommendation;
            return PlayOutcome.Duplicate;
        }
        recommendation = NoTrack;
        var refusal = Check(catalog, play.Track);
        if (refusal != PlayOutcome.Applied) return refusal;

        Record(state, play, recommender.NeedsSession);
        var context = new RecommendationContext(play.User, play.Track, play.Time, state, catalog, random);
        recommendation = Recommend(recommender, in context);
        Remember(state, key, recommendation);
        return PlayOutcome.Applied;
    }

    /// <summary>A `last` play: applies it (the recommender observes it) and ends the session.</summary>
    public PlayOutcome Last(UserState state, in ListenerPlay play, IRecommender recommender, CatalogSnapshot catalog, Random random)
    {
        var key = KeyOf(play.RequestId);
        if (TryFindApplied(state, key, out _)) return PlayOutcome.Duplicate;
        var refusal = Check(catalog, play.Track);
        if (refusal != PlayOutcome.Applied) return refusal;

        Record(state, play, recommender.NeedsSession);
        // The last play counts towards the session recommender's fail count, so the next session continues the cycle.
        recommender.ObserveLast(new RecommendationContext(play.User, play.Track, play.Time, state, catalog, random));
        state.Session.Clear();
        Remember(state, key, NoTrack);
        return PlayOutcome.Applied;
    }

    private static PlayOutcome Check(CatalogSnapshot catalog, int track) =>
        catalog.IsEmpty ? PlayOutcome.CatalogNotLoaded
        : !catalog.Tracks.Contains(track) ? PlayOutcome.UnknownTrack
        : PlayOutcome.Applied;

    // Guid.Empty means "no id" (key 0): such requests are never treated as retries, nor remembered.
    private static long KeyOf(Guid requestId) => requestId == Guid.Empty ? 0 : RequestKey.Of(requestId);

    private static bool TryFindApplied(UserState state, long key, out AppliedRequest applied)
    {
        if (key != 0)
        {
            foreach (var a in state.Applied.AsSpan())
            {
                if (a.Id == key)
                {
                    applied = a;
                    return true;
                }
            }
        }
        applied = default;
        return false;
    }

    /// <summary>
    /// The first step of <see cref="Next"/> and <see cref="Last"/>: the play joins the history (the last
    /// <c>historyLength</c> kept) and, when <paramref name="keepSession"/>, the session. Public for building
    /// a state play by play (tests); serving a play goes through <see cref="Next"/> or <see cref="Last"/>.
    /// </summary>
    public void Record(UserState state, in ListenerPlay play, bool keepSession)
    {
        state.History.Add(play.Track, historyLength);
        if (keepSession) state.Session.Add(new SessionPlay(play.Track, play.Time), sessionLength);
    }

    private static int Recommend(IRecommender recommender, in RecommendationContext context)
    {
        var recommendation = recommender.Recommend(in context);
        if (context.Catalog.Tracks.Contains(recommendation)) return recommendation;
        var all = context.Catalog.Tracks.AllTracks;
        return all[context.Random.Next(all.Length)];
    }

    private void Remember(UserState state, long key, int recommendation)
    {
        if (key == 0 || idempotencyWindow == 0) return;
        state.Applied.Add(new AppliedRequest(key, recommendation), idempotencyWindow);
    }
}
