using Botify.Sim.Listening;
using Botify.Sim.Randomness;
using Botify.Sim.World;

namespace Botify.Sim.Tests;

public sealed class ListenerModelTests
{
    /// <summary>
    /// Hand-made world in 2 dimensions: tracks 0..3 by artist 0 and track 4 by artist 1 all point
    /// along x with length √12; tracks 5.. point along y, one artist each. The listener's interest
    /// is track 4 (taste = x), so tracks 0..4 dot 12 with the taste and tracks 5.. dot 0.
    /// With oneArtistEach every track has its own artist (no discount at all).
    /// </summary>
    private static SimWorld HandMadeWorld(double bias, double sharpness, int extraTracks = 40, int firstTrack = 4, bool oneArtistEach = false)
    {
        var tracks = 5 + extraTracks;
        var artistOf = new int[tracks];
        var embeddings = new float[tracks * 2];
        var length = (float)Math.Sqrt(12);
        for (var t = 0; t < tracks; t++)
        {
            artistOf[t] = oneArtistEach ? t : t < 4 ? 0 : t - 3;
            if (t < 5) embeddings[2 * t] = length;
            else embeddings[2 * t + 1] = length;
        }
        var names = Enumerable.Range(0, artistOf.Max() + 1).Select(a => $"artist {a}").ToArray();
        var listener = new ListenerProfile([4], bias, sharpness, [[firstTrack]]);
        var options = new WorldOptions { Tracks = tracks, Artists = names.Length, Dimension = 2, Listeners = 1, InterestsPerListener = 1 };
        return new SimWorld(options, names, artistOf, new string[tracks], embeddings, [listener]);
    }

    private static double Expected(double dot, double bias, double sharpness, int priorPlays) =>
        Math.Round(1 / (1 + Math.Exp(-(dot - bias) * sharpness)) * Math.Pow(0.8, priorPlays), 2, MidpointRounding.ToEven);

    [Fact]
    public void A_repeat_scores_zero_including_the_first_track()
    {
        var session = new ListenerSession(HandMadeWorld(bias: 11, sharpness: 1), new ListenerModelOptions { SessionBudget = 1000 });
        var rng = new RandomStream(1);
        session.Start(0, rng);
        Assert.Equal(4, session.FirstTrack);
        Assert.Equal(0.0, session.Consume(4, rng));
        Assert.True(session.Consume(0, rng) > 0);
        Assert.Equal(0.0, session.Consume(0, rng));
        Assert.Equal(0.0, session.Consume(4, rng));
    }

    [Fact]
    public void Artist_discount_compounds_per_prior_play_of_that_artist()
    {
        const double bias = 10, sharpness = 1.3;
        var session = new ListenerSession(HandMadeWorld(bias, sharpness), new ListenerModelOptions { SessionBudget = 1000 });
        var rng = new RandomStream(2);
        session.Start(0, rng);
        // Artist 0 has no play yet, then 1, 2, 3 prior plays; a repeat of artist 0 (time 0) still counts.
        Assert.Equal(Expected(12, bias, sharpness, 0), session.Consume(0, rng));
        Assert.Equal(Expected(12, bias, sharpness, 1), session.Consume(1, rng));
        Assert.Equal(0.0, session.Consume(1, rng));
        Assert.Equal(Expected(12, bias, sharpness, 3), session.Consume(2, rng));
        Assert.Equal(Expected(0, bias, sharpness, 0), session.Consume(5, rng));
    }

    [Fact]
    public void The_first_track_counts_toward_its_artists_discount()
    {
        const double bias = 9, sharpness = 1;
        var session = new ListenerSession(HandMadeWorld(bias, sharpness, firstTrack: 3), new ListenerModelOptions { SessionBudget = 1000 });
        var rng = new RandomStream(3);
        session.Start(0, rng);
        Assert.Equal(3, session.FirstTrack);
        Assert.Equal(1.0, session.PreviousTime);
        // Track 3 (the first track) is by artist 0, so track 0 already carries one discount.
        Assert.Equal(Expected(12, bias, sharpness, 1), session.Consume(0, rng));
        Assert.NotEqual(Expected(12, bias, sharpness, 0), Expected(12, bias, sharpness, 1));
    }

    [Fact]
    public void Listened_share_is_rounded_half_to_even()
    {
        // sigmoid(0) = 0.5 exactly, times 0.8^1 = 0.4 → 0.4; times 0.8^2 = 0.32; 0.125 style midpoints go to even.
        Assert.Equal(0.12, Math.Round(0.125, 2, MidpointRounding.ToEven));
        var session = new ListenerSession(HandMadeWorld(bias: 12, sharpness: 1), new ListenerModelOptions { SessionBudget = 1000 });
        var rng = new RandomStream(4);
        session.Start(0, rng);
        Assert.Equal(0.5, session.Consume(0, rng));
        Assert.Equal(0.4, session.Consume(1, rng));
        Assert.Equal(0.32, session.Consume(2, rng));
    }

    [Fact]
    public void Budget_drops_only_with_probability_one_minus_time()
    {
        // Time 1.00 (dot 12, bias 0): the budget never drops, however many tracks.
        var world = HandMadeWorld(bias: -20, sharpness: 2, extraTracks: 0, oneArtistEach: true);
        var full = new ListenerSession(world, new ListenerModelOptions());
        var rng = new RandomStream(5);
        full.Start(0, rng);
        for (var t = 0; t < 4; t++)
        {
            Assert.Equal(1.0, full.Consume(t, rng), 2);
        }
        Assert.Equal(5, full.Budget);

        // Time 0 (a repeat): the budget always drops.
        full.Consume(0, rng);
        Assert.Equal(4, full.Budget);

        // Time 0.5 (dot = bias): the budget drops in about half of the sessions.
        var half = new ListenerSession(HandMadeWorld(bias: 12, sharpness: 1), new ListenerModelOptions());
        var drops = 0;
        const int sessions = 4000;
        for (var s = 0; s < sessions; s++)
        {
            half.Start(0, rng);
            Assert.Equal(0.5, half.Consume(0, rng));
            if (half.Budget == 4) drops++;
        }
        Assert.InRange(drops, sessions / 2 - 150, sessions / 2 + 150);
    }

    [Fact]
    public void Session_ends_at_budget_zero_or_at_the_cap_and_reports_the_cap()
    {
        var world = HandMadeWorld(bias: -20, sharpness: 2, extraTracks: 0, oneArtistEach: true);
        var session = new ListenerSession(world, new ListenerModelOptions { MaxRecommendations = 3 });
        var rng = new RandomStream(6);
        session.Start(0, rng);
        session.Consume(0, rng);
        session.Consume(1, rng);
        Assert.False(session.Ended);
        session.Consume(2, rng);
        Assert.True(session.Ended);
        Assert.True(session.HitCap);
        Assert.Equal(3, session.Steps);
        Assert.Equal(3.0, session.Reward, 6);

        var repeats = new ListenerSession(world, new ListenerModelOptions());
        repeats.Start(0, rng);
        for (var i = 0; i < 5; i++) repeats.Consume(4, rng);
        Assert.True(repeats.Ended);
        Assert.False(repeats.HitCap);
    }

    [Fact]
    public void First_track_is_among_the_interests_ten_nearest_and_every_neighbour_is_drawn()
    {
        var world = TestWorlds.SmallWorld;
        var session = new ListenerSession(world, new ListenerModelOptions());
        var scores = new float[world.TrackCount];
        var listener = world.Listeners[7];
        var firsts = new Dictionary<int, HashSet<int>>();
        for (var i = 0; i < 600; i++)
        {
            session.Start(7, RandomStream.For(9, i));
            var interest = listener.Interests[session.Interest];
            (firsts.TryGetValue(interest, out var set) ? set : firsts[interest] = new HashSet<int>()).Add(session.FirstTrack);
        }
        foreach (var (interest, drawn) in firsts)
        {
            var query = world.Embedding(interest);
            for (var t = 0; t < world.TrackCount; t++) scores[t] = world.Dot(t, query);
            var tenth = scores.OrderDescending().ElementAt(9);
            Assert.All(drawn, t => Assert.True(scores[t] >= tenth - 1e-4f));
            Assert.Equal(10, drawn.Count);
        }
    }
}
