using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;
using Botify.Lab.Training;

namespace Botify.Lab.Tests.Training;

public sealed class ContextualCooccurrenceTests
{
    private static readonly ExperimentArm[] Arm = [new("AB", "C")];

    /// <summary>Every follower kept, however rarely seen: these planted logs hold a pair once or twice.</summary>
    private static readonly ContextualOptions AnyWeight = ContextualOptions.Defaults with { MinWeight = 0 };

    private static IEnumerable<LogEvent> Session(int user, long start, params (int Track, double Time)[] plays)
    {
        for (var k = 0; k < plays.Length; k++)
        {
            var message = k == plays.Length - 1 ? LogMessage.Last : LogMessage.Next;
            yield return new LogEvent(message, start + k, user, plays[k].Track, plays[k].Time, 0.001, null, Arm);
        }
    }

    [Fact]
    public void Followers_listened_above_the_threshold_rank_by_decayed_co_occurrence()
    {
        // planted: 1 → 2 (0.9) → 3 (0.9) in three users' sessions; 1 → 4 (0.1) in two: 4 is never a good follower
        var events = new List<LogEvent>();
        for (var user = 0; user < 3; user++)
        {
            events.AddRange(Session(user, 100, (1, 1.0), (2, 0.9), (3, 0.9), (9, 0.2)));
        }

        events.AddRange(Session(5, 100, (1, 1.0), (4, 0.1), (5, 0.1)));
        events.AddRange(Session(6, 100, (1, 1.0), (4, 0.1), (5, 0.1)));
        var data = TrainingData.Build(events, 0.8, 0, 1);

        var table = ContextualCooccurrence.Build(data, AnyWeight with { Weighting = ContextualWeighting.Count });

        Assert.Equal([2, 3], table[1].Tracks);
        Assert.Equal(3f, table[1].Weights[0]);   // 3 sessions × decay^0
        Assert.Equal(1.5f, table[1].Weights[1]); // 3 sessions × decay^1
        Assert.Equal([3], table[2].Tracks);
        Assert.False(table.ContainsKey(4));
    }

    [Fact]
    public void Sessions_end_at_a_last_event_and_at_a_new_user()
    {
        // user 1: session (7, 8) closed by `last`, then session (9 …): 9 must not follow 7 or 8
        var events = Session(1, 0, (7, 1.0), (8, 1.0)).Concat(Session(1, 10, (9, 1.0), (10, 1.0)))
            .Concat(Session(2, 0, (11, 1.0))).ToList();
        events.Reverse(); // input order must not matter
        var data = TrainingData.Build(events, 0.8, 0, 1);

        var table = ContextualCooccurrence.Build(data, AnyWeight);

        Assert.Equal([8], table[7].Tracks);
        Assert.Equal([10], table[9].Tracks);
        Assert.False(table.ContainsKey(8));
        Assert.False(table.ContainsKey(10)); // user 2's track 11 is another user's session
    }

    [Fact]
    public void The_window_limits_how_far_a_follower_counts()
    {
        var events = Session(1, 0, (1, 1.0), (2, 0.9), (3, 0.9), (4, 0.9), (5, 0.9)).ToList();
        var data = TrainingData.Build(events, 0.8, 0, 1);

        var table = ContextualCooccurrence.Build(data, AnyWeight with { Window = 2, Size = 10 });

        Assert.Equal([2, 3], table[1].Tracks);
    }

    /// <summary>
    /// Track 1 is followed by the specific track 2 in two sessions and by the popular track 3 in three; track 3 also
    /// follows twenty other tracks three times each. Raw counts put 3 first in 1's row; weighting against popularity puts 2 first.
    /// </summary>
    private static TrainingData PopularFollower()
    {
        var events = new List<LogEvent>();
        var user = 0;
        long clock = 0;
        void Add(int first, int follower) => events.AddRange(Session(user++, clock += 10, (first, 1.0), (follower, 0.9)));
        Add(1, 2);
        Add(1, 2);
        for (var k = 0; k < 3; k++) Add(1, 3);
        for (var other = 100; other < 120; other++)
        {
            for (var k = 0; k < 3; k++) Add(other, 3);
        }

        return TrainingData.Build(events, 0.8, 0, 1);
    }

    [Theory]
    [InlineData(ContextualWeighting.Cosine)]
    [InlineData(ContextualWeighting.Lift)]
    [InlineData(ContextualWeighting.Bm25)]
    public void Weighting_against_popularity_prefers_a_specific_follower_to_a_merely_popular_one(ContextualWeighting weighting)
    {
        var table = ContextualCooccurrence.Build(PopularFollower(), AnyWeight with { Weighting = weighting });

        Assert.Equal([2, 3], table[1].Tracks);
    }

    [Fact]
    public void Raw_counts_prefer_the_popular_follower()
    {
        var table = ContextualCooccurrence.Build(PopularFollower(), AnyWeight with { Weighting = ContextualWeighting.Count });

        Assert.Equal([3, 2], table[1].Tracks);
    }

    [Fact]
    public void Only_transitions_from_a_liked_track_count_unless_any_source_is_asked_for()
    {
        // 1 (1.0) → 2 (0.1) → 3 (0.9): 3 follows a disliked 2, so 2 gets no row; 1 → 3 (two steps) counts
        var data = TrainingData.Build(Session(1, 0, (1, 1.0), (2, 0.1), (3, 0.9)).ToList(), 0.8, 0, 1);

        var liked = ContextualCooccurrence.Build(data, AnyWeight);
        var any = ContextualCooccurrence.Build(data, AnyWeight with { PositiveSources = false });

        Assert.False(liked.ContainsKey(2));
        Assert.Equal([3], liked[1].Tracks);
        Assert.Equal([3], any[2].Tracks);
    }

    [Fact]
    public void A_second_track_of_an_artist_counts_as_liked_once_the_artist_discount_is_undone()
    {
        // artists: track / 10. 10 (1.0) → 11 (0.72 = 0.9 × 0.8, the artist's second play) → 20 (0.9)
        var events = Session(1, 0, (10, 1.0), (11, 0.72), (20, 0.9)).ToList();
        var plain = TrainingData.Build(events, 0.8, 0, 1);
        var undone = TrainingData.Build(events, 0.8, 0, 1, discount: new ArtistDiscount(track => track / 10, 0.8));

        Assert.Equal(0.72, plain.Shares[1], 12);
        Assert.Equal(0.9, undone.Shares[1], 12);
        Assert.Equal(0.9, undone.Shares[2], 12); // a first play of its artist keeps its time
        Assert.Equal(2, plain.Positives);
        Assert.Equal(3, undone.Positives);
        // the lists' seeds: only what was listened above the threshold as played (same indices as the training matrix)
        Assert.Same(plain.Train, plain.AsPlayed);
        Assert.Equal(3, undone.Train.Count);
        Assert.Equal(2, undone.AsPlayed.Count);
        Assert.Equal(undone.Train.TrackIds, undone.AsPlayed.TrackIds);
        Assert.False(undone.AsPlayed.Contains(0, Array.IndexOf(undone.Train.TrackIds, 11)));
        Assert.Equal([20], ContextualCooccurrence.Build(plain, AnyWeight)[10].Tracks);
        Assert.Contains(11, ContextualCooccurrence.Build(undone, AnyWeight)[10].Tracks);
    }

    [Fact]
    public void A_follower_seen_less_than_the_minimum_weight_is_left_out()
    {
        // 1 → 2 in two sessions (weight 2), 1 → 3 once (weight 1), 1 → 4 two steps later once (0.5)
        var events = Session(1, 0, (1, 1.0), (2, 0.9)).Concat(Session(2, 0, (1, 1.0), (2, 0.9)))
            .Concat(Session(3, 0, (1, 1.0), (3, 0.9), (4, 0.9))).ToList();
        var data = TrainingData.Build(events, 0.8, 0, 1);

        Assert.Equal([2], ContextualCooccurrence.Build(data, ContextualOptions.Defaults with { MinWeight = 1.5 })[1].Tracks);
        Assert.Equal([2, 3, 4], ContextualCooccurrence.Build(data, AnyWeight with { Weighting = ContextualWeighting.Count })[1].Tracks);
    }
}
