namespace Botify.Contracts.Listening;

/// <summary>
/// Chooses the next track for a user. Implementations are stateless singletons shared by
/// all grains (per-user state lives in <see cref="RecommendationContext.State"/>), never
/// throw for missing table rows (they fall back), and return a track of the snapshot.
/// </summary>
public interface IRecommender
{
    /// <summary>The canonical spec this recommender was built from ("Session", "Indexed:gcf", ...).</summary>
    string Name { get; }

    /// <summary>Whether the grain must keep the session's plays (<see cref="UserState.Session"/>) for this recommender.</summary>
    bool NeedsSession => false;

    /// <summary>The next track; the previous track is already appended to the history.</summary>
    int Recommend(in RecommendationContext context);

    /// <summary>A session's last play was recorded (the history already has it); most recommenders ignore it.</summary>
    void ObserveLast(in RecommendationContext context)
    {
    }
}
