using Botify.Contracts.Catalog;
using Botify.Contracts.Listening;
using Botify.Grains.Recommenders;
using Microsoft.Extensions.Configuration;

namespace Botify.Grains.Tests;

public sealed class SessionNeighboursRecommenderTests
{
    private const string Table = "similar_artists";

    // Artist 0's row names artists 5 and 7 (by their lowest track ids 50 and 70), most similar first.
    private static readonly CatalogSnapshot WithTable = new("test-similar", TestCatalog.Snapshot.Tracks, [],
        new Dictionary<string, RecommendationTable>
        {
            [Table] = new(Table, TableKeyKind.Track, new Dictionary<int, int[]> { [0] = [50, 70] }),
        });

    private static readonly ListenerStateRules Rules = new BotifyOptions().CreateStateRules();

    private readonly IRecommender recommender = Contexts.Registry().Get($"SessionNeighbours:{Table}");

    private static RecommendationContext Session(CatalogSnapshot catalog, Random random, params (int Track, double Time)[] plays)
    {
        var state = new UserState();
        foreach (var (track, time) in plays) Rules.Record(state, new ListenerPlay(1, track, time, Guid.Empty), keepSession: true);
        var last = plays[^1];
        return new RecommendationContext(1, last.Track, last.Time, state, catalog, random);
    }

    private HashSet<int> Draws(CatalogSnapshot catalog, params (int Track, double Time)[] plays)
    {
        var random = new Random(3);
        var seen = new HashSet<int>();
        for (var i = 0; i < 500; i++)
        {
            var context = Session(catalog, random, plays);
            seen.Add(recommender.Recommend(in context));
        }
        return seen;
    }

    [Theory]
    [InlineData("SessionNeighbours")]
    [InlineData("sessionneighbours")]
    [InlineData("SessionNeighbours:similar_artists")]
    public void The_spec_without_a_table_reads_similar_artists(string spec)
    {
        Assert.Equal("SessionNeighbours:similar_artists", Contexts.Registry().Get(spec).Name);
        Assert.Null(RecommenderRegistry.Check(spec));
        Assert.NotNull(RecommenderRegistry.Check("SessionNeighbours:"));
    }

    [Fact]
    public void The_grain_keeps_session_plays_for_it()
    {
        Assert.True(recommender.NeedsSession);
        Assert.False(Contexts.Registry().Get("StickyArtist").NeedsSession);
    }

    [Fact]
    public void Never_recommends_a_track_already_played_this_session()
    {
        // The anchor's artist (0) has tracks 0..9; eight are played, so only 8 and 9 are left of it.
        var plays = new[] { (0, 1.0), (1, 0.9), (2, 0.9), (3, 0.9), (4, 0.9), (5, 0.9), (6, 0.9), (7, 0.9) };
        var seen = Draws(TestCatalog.Snapshot, plays);
        Assert.DoesNotContain(seen, t => t < 8);
        Assert.Contains(8, seen);
        Assert.Contains(9, seen);
    }

    [Fact]
    public void Recommends_tracks_of_a_session_artist_not_yet_played_in_the_session_only()
    {
        // Tracks played in earlier sessions are fair game: only this session's plays are excluded.
        var state = new UserState();
        foreach (var t in Enumerable.Range(0, 10)) state.History.Add(t, limit: 100);
        Rules.Record(state, new ListenerPlay(1, 20, 1.0, Guid.Empty), keepSession: true);
        var context = new RecommendationContext(1, 20, 1.0, state, TestCatalog.Snapshot, new Random(5));
        var track = recommender.Recommend(in context);
        Assert.Equal(2, TestCatalog.ArtistOf(track));
        Assert.NotEqual(20, track);
    }

    [Fact]
    public void Prefers_the_artist_with_fewer_plays_this_session_when_both_listened_equally_well()
    {
        // Artist 0: the anchor and three more plays; artist 2: one play. Both at the same undiscounted share,
        // so the artist discount (0.8 per earlier play) ranks artist 2 first.
        var seen = Draws(TestCatalog.Snapshot, (0, 1.0), (1, 0.9 * 0.8), (2, 0.9 * 0.64), (20, 0.9), (3, 0.9 * 0.512));
        Assert.All(seen, t => Assert.Equal(2, TestCatalog.ArtistOf(t)));
    }

    [Fact]
    public void Leaves_an_artist_the_listener_did_not_like_for_the_anchors_artist()
    {
        var seen = Draws(TestCatalog.Snapshot, (0, 1.0), (1, 0.9 * 0.8), (20, 0.05));
        Assert.All(seen, t => Assert.Equal(0, TestCatalog.ArtistOf(t)));
    }

    [Fact]
    public void Moves_to_the_most_similar_artist_once_the_anchors_artist_is_worn_out()
    {
        // Four plays of artist 0 discount it to 0.8^4 of its share; artist 5 (first in artist 0's row) is fresh.
        var seen = Draws(WithTable, (0, 1.0), (1, 0.8), (2, 0.64), (3, 0.51));
        Assert.All(seen, t => Assert.Equal(5, TestCatalog.ArtistOf(t)));
    }

    [Fact]
    public void After_a_similar_artist_failed_the_next_similar_artist_is_still_below_the_anchors_artist()
    {
        // Artist 5 scored 0: similar artists look bad for this listener, artist 0 (discounted) is the better bet.
        var seen = Draws(WithTable, (0, 1.0), (1, 0.8), (2, 0.64), (3, 0.51), (50, 0.0));
        Assert.All(seen, t => Assert.Equal(0, TestCatalog.ArtistOf(t)));
    }

    [Fact]
    public void Without_the_table_it_stays_with_the_sessions_artists()
    {
        var seen = Draws(TestCatalog.Snapshot, (0, 1.0), (1, 0.8), (2, 0.64), (3, 0.51));
        Assert.All(seen, t => Assert.Equal(0, TestCatalog.ArtistOf(t)));
        Assert.DoesNotContain(seen, t => t <= 3);
    }

    [Fact]
    public void A_table_keyed_by_user_is_treated_as_missing()
    {
        var byUser = new CatalogSnapshot("test-user-table", TestCatalog.Snapshot.Tracks, [],
            new Dictionary<string, RecommendationTable> { [Table] = new(Table, TableKeyKind.User, new Dictionary<int, int[]> { [0] = [50] }) });
        var seen = Draws(byUser, (0, 1.0), (1, 0.8), (2, 0.64), (3, 0.51));
        Assert.All(seen, t => Assert.Equal(0, TestCatalog.ArtistOf(t)));
    }

    [Fact]
    public void When_every_session_artist_is_played_out_it_falls_back_to_unplayed_random_tracks()
    {
        var plays = Enumerable.Range(0, 10).Select(t => (t, t == 0 ? 1.0 : 0.5)).ToArray();
        var seen = Draws(TestCatalog.Snapshot, plays);
        Assert.DoesNotContain(seen, t => t < 10);
        Assert.True(seen.Select(TestCatalog.ArtistOf).Distinct().Count() > 10, "the random fallback should reach many artists");
    }

    [Fact]
    public void Without_session_plays_the_previous_track_anchors()
    {
        var state = new UserState();
        state.History.Add(40, limit: 100);
        var context = new RecommendationContext(1, 40, 1.0, state, TestCatalog.Snapshot, new Random(9));
        var track = recommender.Recommend(in context);
        Assert.Equal(4, TestCatalog.ArtistOf(track));
        Assert.NotEqual(40, track);
    }

    [Theory]
    [InlineData("SessionNeighbours:MaxSessionPlays", "0")]
    [InlineData("SessionNeighbours:RowScan", "-1")]
    [InlineData("SessionNeighbours:ArtistDiscount", "0")]
    [InlineData("SessionLength", "0")]
    public void Invalid_options_are_reported_by_key(string key, string value)
    {
        var options = new BotifyOptions();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Botify:" + key] = value }).Build();
        configuration.GetSection("Botify").Bind(options);
        var error = BotifyOptionsValidator.Describe(options);
        Assert.NotNull(error);
        Assert.Contains("Botify:" + key, error);
    }
}
