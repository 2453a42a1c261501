using Botify.Contracts.Catalog;
using Botify.Contracts.Listening;

namespace Botify.Contracts.Tests.Listening;

public sealed class ListenerStateRulesTests
{
    // Tracks 0..9 of artist "A".
    private static readonly CatalogSnapshot Catalog = new("test", TrackCatalog.Build(Enumerable.Range(0, 10).Select(t => new TrackEntry(t, "A", $"t{t}"))), [],
        new Dictionary<string, RecommendationTable>());

    private readonly ListenerStateRules rules = new(historyLength: 3, sessionLength: 2, idempotencyWindow: 2, startMethod: "lgcf");

    private static ListenerPlay Play(int track, double time = 0.5, Guid? id = null) => new(7, track, time, id ?? Guid.NewGuid());

    [Fact]
    public void A_new_state_gets_the_start_method_and_a_stored_one_keeps_its_own()
    {
        var fresh = new UserState();
        var stored = new UserState { Method = "lfm" };
        rules.Activate(fresh);
        rules.Activate(stored);
        Assert.Equal(("lgcf", "lfm"), (fresh.Method, stored.Method));
    }

    [Fact]
    public void Next_records_the_play_before_the_recommender_sees_it_and_keeps_the_last_plays_only()
    {
        var state = new UserState();
        var recommender = new ScriptedRecommender(needsSession: true, answer: 4);
        for (var t = 0; t < 5; t++)
        {
            Assert.Equal(PlayOutcome.Applied, rules.Next(state, Play(t, t / 10.0), recommender, Catalog, new Random(1), out var answer));
            Assert.Equal(4, answer);
            Assert.Equal(t, recommender.SeenHistory[^1]);
        }
        Assert.Equal([2, 3, 4], state.History);
        Assert.Equal([new SessionPlay(3, 0.3), new SessionPlay(4, 0.4)], state.Session);
    }

    [Fact]
    public void The_session_is_kept_only_for_recommenders_that_read_it_and_last_ends_it()
    {
        var state = new UserState();
        rules.Next(state, Play(1), new ScriptedRecommender(needsSession: false, answer: 2), Catalog, new Random(1), out _);
        Assert.Empty(state.Session);

        var sessionAware = new ScriptedRecommender(needsSession: true, answer: 2);
        rules.Next(state, Play(2), sessionAware, Catalog, new Random(1), out _);
        Assert.Equal(PlayOutcome.Applied, rules.Last(state, Play(3, 0.9), sessionAware, Catalog, new Random(1)));
        Assert.Equal(1, sessionAware.LastsObserved);
        Assert.Empty(state.Session);
        Assert.Equal([1, 2, 3], state.History);
    }

    [Fact]
    public void A_repeated_request_id_is_answered_again_and_not_applied_twice()
    {
        var state = new UserState();
        var id = Guid.NewGuid();
        var recommender = new ScriptedRecommender(needsSession: false, answer: 6);
        rules.Next(state, Play(1, id: id), recommender, Catalog, new Random(1), out var first);
        recommender.Answer = 8;

        Assert.Equal(PlayOutcome.Duplicate, rules.Next(state, Play(1, id: id), recommender, Catalog, new Random(1), out var again));
        Assert.Equal((6, 6), (first, again));
        Assert.Equal([1], state.History);
        Assert.Equal(PlayOutcome.Duplicate, rules.Last(state, Play(1, id: id), recommender, Catalog, new Random(1)));

        // The window keeps the last two ids; Guid.Empty is never remembered.
        rules.Next(state, Play(2), recommender, Catalog, new Random(1), out _);
        rules.Next(state, Play(3), recommender, Catalog, new Random(1), out _);
        rules.Next(state, Play(4, id: Guid.Empty), recommender, Catalog, new Random(1), out _);
        Assert.Equal(2, state.Applied.Count);
        Assert.Equal(PlayOutcome.Applied, rules.Next(state, Play(1, id: id), recommender, Catalog, new Random(1), out _));
    }

    [Fact]
    public void Plays_of_unknown_tracks_or_before_a_catalog_change_nothing()
    {
        var state = new UserState();
        var recommender = new ScriptedRecommender(needsSession: true, answer: 1);

        Assert.Equal(PlayOutcome.UnknownTrack, rules.Next(state, Play(42), recommender, Catalog, new Random(1), out var answer));
        Assert.Equal(ListenerStateRules.NoTrack, answer);
        Assert.Equal(PlayOutcome.CatalogNotLoaded, rules.Last(state, Play(1), recommender, CatalogSnapshot.Empty, new Random(1)));
        Assert.Empty(state.History);
        Assert.Empty(state.Applied);
        Assert.Equal(0, recommender.Calls + recommender.LastsObserved);
    }

    [Fact]
    public void An_answer_outside_the_catalog_is_replaced_by_a_catalog_track()
    {
        var state = new UserState();
        var recommender = new ScriptedRecommender(needsSession: false, answer: 1234);
        for (var i = 0; i < 50; i++)
        {
            rules.Next(state, Play(1), recommender, Catalog, new Random(i), out var answer);
            Assert.InRange(answer, 0, 9);
        }
    }

    private sealed class ScriptedRecommender(bool needsSession, int answer) : IRecommender
    {
        public int Answer { get; set; } = answer;

        public int Calls { get; private set; }

        public int LastsObserved { get; private set; }

        public int[] SeenHistory { get; private set; } = [];

        public string Name => "Scripted";

        public bool NeedsSession => needsSession;

        public int Recommend(in RecommendationContext context)
        {
            Calls++;
            SeenHistory = context.History.ToArray();
            return Answer;
        }

        public void ObserveLast(in RecommendationContext context) => LastsObserved++;
    }
}
