using Botify.Contracts.Catalog;
using Botify.Contracts.EventLog;
using Botify.Lab.Training;

namespace Botify.Lab.Tests.Training;

public sealed class SimilarArtistsTests
{
    // 20 artists of 5 tracks (artist of t = t / 5) in two tastes: artists 0..9 and 10..19.
    private static readonly TrackCatalog Catalog =
        TrackCatalog.Build(Enumerable.Range(0, 100).Select(t => new TrackEntry(t, $"artist-{t / 5:D2}", $"title-{t}")));

    private static int Group(int artist) => artist / 10;

    /// <summary>Sessions anchored on a random track, then random tracks: listened well (0.9) in the anchor's taste, badly (0.1) outside it.</summary>
    private static List<LogEvent> PlantedSessions(int sessions, int seed)
    {
        var random = new Random(seed);
        var events = new List<LogEvent>();
        long clock = 1;
        for (var s = 0; s < sessions; s++)
        {
            var user = random.Next(50);
            var anchor = random.Next(100);
            var track = anchor;
            var time = 1.0;
            for (var step = 0; step < 6; step++)
            {
                var next = random.Next(100);
                events.Add(new LogEvent(LogMessage.Next, clock++, user, track, time, 0.001, next, LogEvent.NoExperiments));
                (track, time) = (next, Group(next / 5) == Group(anchor / 5) ? 0.9 : 0.1);
            }
            events.Add(new LogEvent(LogMessage.Last, clock++, user, track, time, 0.001, null, LogEvent.NoExperiments));
        }
        return events;
    }

    [Fact]
    public void Artists_listened_well_in_sessions_anchored_on_an_artist_rank_first()
    {
        var similar = SimilarArtists.Build(PlantedSessions(2_000, 1), Catalog, SimilarArtistsOptions.Defaults);
        for (var a = 0; a < 20; a++)
        {
            Assert.True(similar[a].Length >= 9, $"artist {a} has {similar[a].Length} similar artists");
            Assert.DoesNotContain(a, similar[a]);
            Assert.All(similar[a][..9], b => Assert.Equal(Group(a), Group(b)));
        }
    }

    [Fact]
    public void A_listener_who_likes_everything_says_nothing()
    {
        // Every play at 0.9: no track stands out from its session, so no artist gains evidence.
        var events = PlantedSessions(500, 2).Select(e => e with { Time = 0.9 }).ToList();
        var similar = SimilarArtists.Build(events, Catalog, SimilarArtistsOptions.Defaults);
        Assert.All(similar, row => Assert.Empty(row));
    }

    [Fact]
    public void The_table_is_keyed_and_filled_by_each_artists_lowest_track_id()
    {
        var table = SimilarArtists.AsTrackTable([[3, 1], [], [0], [], []], TrackCatalog.Build(
            Enumerable.Range(0, 25).Select(t => new TrackEntry(t, $"artist-{t % 5}", $"title-{t}"))));
        Assert.Equal([0, 2], table.Keys.Order());
        Assert.Equal([3, 1], table[0].Tracks);
        Assert.Equal([0], table[2].Tracks);
    }

    [Theory]
    [InlineData(0.3, 0.0, 50)]
    [InlineData(0.3, 0.5, 50)]
    [InlineData(0.0, 0.0, 5)]
    [InlineData(1.0, 0.2, 3)]
    public void The_fast_build_gives_exactly_the_lists_of_the_straightforward_one(double twoHop, double pair, int size)
    {
        // Noisy sessions (shuffled input, times of every kind), so many scores and ties are in play.
        var random = new Random(4);
        var events = PlantedSessions(3_000, 3).Select(e => e with { Time = Math.Round(random.NextDouble() < 0.3 ? random.NextDouble() : e.Time, 2) })
            .OrderBy(_ => random.Next()).ToList();
        var options = SimilarArtistsOptions.Defaults with { TwoHopWeight = twoHop, PairWeight = pair, Size = size };

        var fast = SimilarArtists.Build(events, Catalog, options);
        var reference = SimilarArtistsReference.Build(events, Catalog, options);
        var fromOrdered = SimilarArtists.Build(TrainingData.Build(events, 0.8, 0, 1).OrderedEvents, Catalog, options);

        Assert.Equal(reference, fast);
        Assert.Equal(reference, fromOrdered);
    }
}
