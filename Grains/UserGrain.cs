using Botify.Grains.Catalog;
using Botify.Grains.Experiments;
using Botify.Grains.Recommenders;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Botify.Grains;

/// <summary>
/// One listener (key: the user id). Each applied play is appended to the history (and session, see <see cref="PlayRecorder"/>), handed to
/// the user's recommender and persisted before the answer returns; a request id seen in the
/// last <see cref="BotifyOptions.IdempotencyWindow"/> applied requests is answered again, not re-applied.
/// A failed write deactivates the grain, so the next request starts from what storage holds.
/// </summary>
[GrainType(TypeName)]
public sealed class UserGrain(
    [PersistentState("user", UserStorage.Name)] IPersistentState<UserState> state,
    ICatalogProvider catalogs,
    ExperimentAssigner experiments,
    IOptions<BotifyOptions> options) : Grain, IUserGrain
{
    /// <summary>The grain type name (in grain ids and storage keys).</summary>
    public const string TypeName = "user";

    /// <summary>The recommendation of an answer that has none.</summary>
    public const int NoTrack = -1;

    private readonly BotifyOptions settings = options.Value;
    private long user;
    private ExperimentArm[] arms = [];
    private IRecommender recommender = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        user = this.GetPrimaryKeyLong();
        // Configuration is fixed for the silo's life, so a user's arms and recommender are too.
        arms = experiments.ArmsOf(user);
        recommender = experiments.RecommenderOf(user);
        if (state.State.Method.Length == 0) state.State.Method = settings.Session.StartMethod;
        return Task.CompletedTask;
    }

    public async Task<NextAnswer> Next(TrackPlay play)
    {
        if (TryFindApplied(play.RequestId, out var earlier))
            return new NextAnswer(PlayOutcome.Duplicate, earlier.Recommendation, recommender.Name, arms);
        var catalog = catalogs.Current;
        var refusal = Check(catalog, play.Track);
        if (refusal != PlayOutcome.Applied) return new NextAnswer(refusal, NoTrack, recommender.Name, arms);

        PlayRecorder.Record(state.State, settings, play.Track, play.Time, recommender.NeedsSession);
        var context = new RecommendationContext(user, play.Track, play.Time, state.State, catalog, Random.Shared);
        var recommendation = PlayRecorder.Recommend(recommender, in context);
        await Persist(play.RequestId, recommendation);
        return new NextAnswer(PlayOutcome.Applied, recommendation, recommender.Name, arms);
    }

    public async Task<LastAnswer> Last(TrackPlay play)
    {
        if (TryFindApplied(play.RequestId, out _)) return new LastAnswer(PlayOutcome.Duplicate, arms);
        var catalog = catalogs.Current;
        var refusal = Check(catalog, play.Track);
        if (refusal != PlayOutcome.Applied) return new LastAnswer(refusal, arms);

        PlayRecorder.Record(state.State, settings, play.Track, play.Time, recommender.NeedsSession);
        // The last play counts towards the session recommender's fail count, so the next session continues the cycle.
        recommender.ObserveLast(new RecommendationContext(user, play.Track, play.Time, state.State, catalog, Random.Shared));
        PlayRecorder.EndSession(state.State);
        await Persist(play.RequestId, NoTrack);
        return new LastAnswer(PlayOutcome.Applied, arms);
    }

    public Task<UserView> View()
    {
        var s = state.State;
        return Task.FromResult(new UserView(user, s.History.ToArray(), s.Method, s.FailCount, arms, recommender.Name));
    }

    private static PlayOutcome Check(CatalogSnapshot catalog, int track) =>
        catalog.IsEmpty ? PlayOutcome.CatalogNotLoaded
        : !catalog.Tracks.Contains(track) ? PlayOutcome.UnknownTrack
        : PlayOutcome.Applied;

    private bool TryFindApplied(Guid requestId, out AppliedRequest applied)
    {
        // Guid.Empty means "no id": such requests are never treated as retries.
        if (requestId != Guid.Empty)
        {
            foreach (var a in state.State.Applied)
            {
                if (a.Id == requestId)
                {
                    applied = a;
                    return true;
                }
            }
        }
        applied = default;
        return false;
    }

    private async Task Persist(Guid requestId, int recommendation)
    {
        var applied = state.State.Applied;
        if (requestId != Guid.Empty && settings.IdempotencyWindow > 0)
        {
            applied.Add(new AppliedRequest(requestId, recommendation));
            var excess = applied.Count - settings.IdempotencyWindow;
            if (excess > 0) applied.RemoveRange(0, excess);
        }
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The in-memory state now holds an unacknowledged change (or lost an ETag race):
            // drop this activation so the next request reloads what storage really holds.
            DeactivateOnIdle();
            throw;
        }
    }
}
