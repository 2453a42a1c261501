using Botify.Contracts.Experiments;
using Botify.Contracts.Listening;
using Botify.Grains.Catalog;
using Botify.Grains.Experiments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Botify.Grains;

/// <summary>
/// One listener (key: the user id). Each play goes through <see cref="ListenerStateRules"/> (the same rules
/// the in-process harnesses apply) with the user's recommender, and an applied play is persisted before the
/// answer returns; a request id seen in the last <see cref="BotifyOptions.IdempotencyWindow"/> applied
/// requests is answered again, not re-applied. A failed write deactivates the grain, so the next request
/// starts from what storage holds. A closed session is reported to the experiments' live aggregate after its write
/// (<see cref="UserExperimentRecorder"/>).
/// </summary>
[GrainType(TypeName)]
public sealed class UserGrain(
    IUserStateStore store,
    ICatalogProvider catalogs,
    ExperimentAssigner experiments,
    ListenerStateRules rules,
    IOptions<BotifyOptions> options,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    /// <summary>The grain type name (in grain ids and storage keys).</summary>
    public const string TypeName = "user";

    private long user;
    private UserState state = null!;
    private UserStateVersion version;
    private ExperimentArm[] arms = [];
    private IRecommender recommender = null!;
    private UserExperimentRecorder live = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        user = this.GetPrimaryKeyLong();
        (state, version) = await store.ReadAsync(user);
        // Configuration is fixed for the silo's life, so a user's arms and recommender are too.
        arms = experiments.ArmsOf(user);
        recommender = experiments.RecommenderOf(user);
        rules.Activate(state);
        live = new UserExperimentRecorder(state, arms, user, GrainFactory, options.Value.LiveExperiments, logger);
        live.SendPending(); // what an earlier activation stored but may not have had confirmed
    }

    public async Task<NextAnswer> Next(TrackPlay play)
    {
        var outcome = rules.Next(state, Play(play), recommender, catalogs.Current, Random.Shared, out var recommendation);
        if (outcome == PlayOutcome.Applied)
        {
            live.Play(play.Time, play.ReceivedTicks);
            await Persist();
        }
        return new NextAnswer(outcome, recommendation, recommender.Name, arms);
    }

    public async Task<LastAnswer> Last(TrackPlay play)
    {
        var outcome = rules.Last(state, Play(play), recommender, catalogs.Current, Random.Shared);
        if (outcome == PlayOutcome.Applied)
        {
            live.Play(play.Time, play.ReceivedTicks);
            live.CloseSession();
            await Persist();
            live.SendPending(); // after the write, in the background: the answer does not wait for the aggregate
        }
        return new LastAnswer(outcome, arms);
    }

    public Task<UserView> View()
    {
        var s = state;
        return Task.FromResult(new UserView(user, s.History.ToArray(), s.Method, s.FailCount, arms, recommender.Name));
    }

    private ListenerPlay Play(TrackPlay play) => new(user, play.Track, play.Time, play.RequestId);

    private async Task Persist()
    {
        try
        {
            version = await store.WriteAsync(user, state, version);
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
