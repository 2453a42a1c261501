using Botify.Lab.Training;

namespace Botify.Lab.Tests.Training;

public sealed class UserListsTests
{
    private const int D = 4;

    /// <summary>
    /// Tracks 0..19 taste A (axis 0), 20..39 taste B (axis 1); users 0..9 like A tracks, 10..19 B tracks; user 20 likes
    /// six A tracks and two B tracks and its vector leans to A, so the plain ranking puts every A track first.
    /// </summary>
    private static EmbeddingModel TwoTastes()
    {
        var pairs = new List<(int User, int Track)>();
        for (var u = 0; u < 20; u++)
        {
            for (var k = 0; k < 5; k++)
            {
                pairs.Add((u, (u < 10 ? 0 : 20) + (u * 3 + k * 4) % 20));
            }
        }

        foreach (var track in new[] { 0, 1, 2, 3, 4, 5, 20, 21 })
        {
            pairs.Add((20, track));
        }

        var matrix = InteractionMatrix.FromPairs(pairs);
        var items = new float[matrix.Items * D];
        for (var i = 0; i < matrix.Items; i++)
        {
            var track = matrix.TrackIds[i];
            items[i * D + (track < 20 ? 0 : 1)] = 1;
            items[i * D + 2] = 0.01f * (track % 20); // distinct scores inside a taste
        }

        var users = new float[matrix.Users * D];
        for (var u = 0; u < matrix.Users; u++)
        {
            var id = matrix.UserIds[u];
            users[u * D] = id < 10 || id == 20 ? 1 : 0;
            users[u * D + 1] = id is >= 10 and < 20 ? 1 : id == 20 ? 0.3f : 0;
        }

        return new EmbeddingModel("test", matrix, D, users, items, null);
    }

    private static int TasteB(EmbeddingModel model, IEnumerable<int> items) => items.Count(i => model.Matrix.TrackIds[i] >= 20);

    [Fact]
    public void Lists_from_liked_tracks_cover_a_minor_taste_the_plain_ranking_leaves_out()
    {
        var model = TwoTastes();
        var user = Array.IndexOf(model.Matrix.UserIds, 20);

        var plain = UserLists.Build(model, 10, UserListOptions.Defaults with { Seeds = 0 })[user];
        var seeded = UserLists.Build(model, 10, UserListOptions.Defaults with { Seeds = 8 })[user];

        Assert.Equal(0, TasteB(model, plain)); // the user vector leans to A: ten A tracks come first
        Assert.True(TasteB(model, seeded) >= 2, $"taste B tracks in the seeded top 10: {TasteB(model, seeded)}");
        Assert.Equal(10, seeded.Distinct().Count());
        // round 0 of the interleaving: the seeds themselves, best-scored first
        Assert.Contains(seeded.Take(8), i => model.Matrix.TrackIds[i] >= 20);
    }

    [Fact]
    public void Lists_keep_the_users_positives_unless_seen_ones_are_excluded()
    {
        var model = TwoTastes();
        var m = model.Matrix;

        var kept = UserLists.Build(model, 15, UserListOptions.Defaults);
        var excluded = UserLists.Build(model, 15, UserListOptions.Defaults with { ExcludeSeen = true });

        for (var u = 0; u < m.Users; u++)
        {
            Assert.Equal(15, kept[u].Length);
            Assert.Equal(15, excluded[u].Length);
            Assert.All(m.ItemsOf(u).ToArray(), item => Assert.Contains(item, kept[u]));
            Assert.All(excluded[u], item => Assert.False(m.Contains(u, item)));
        }
    }

    [Fact]
    public void A_user_whose_seeds_have_no_other_listeners_gets_a_full_list_from_the_plain_ranking()
    {
        var model = TwoTastes();
        var pairs = new List<(int, int)>();
        for (var u = 0; u < model.Matrix.Users; u++)
        {
            foreach (var i in model.Matrix.ItemsOf(u))
            {
                pairs.Add((model.Matrix.UserIds[u], model.Matrix.TrackIds[i]));
            }
        }

        pairs.Add((99, 39)); // track 39 has no other listener
        var matrix = InteractionMatrix.FromPairs(pairs);
        var users = new float[matrix.Users * D];
        model.UserFactors.CopyTo(users, 0);
        users[(matrix.Users - 1) * D + 1] = 1;
        var lonely = new EmbeddingModel("test", matrix, D, users, model.ItemFactors, null);

        var list = UserLists.Build(lonely, 12, UserListOptions.Defaults)[matrix.Users - 1];

        Assert.Equal(12, list.Length);
        Assert.Equal(39, matrix.TrackIds[list[0]]);
        Assert.Equal(12, list.Distinct().Count());
    }

    [Fact]
    public void Seeds_come_from_the_tracks_liked_as_played_before_the_undone_ones()
    {
        // user 20's A tracks 0..5 score higher, but only its B tracks 20 and 21 were listened above the threshold as played
        var model = TwoTastes();
        var m = model.Matrix;
        var user = Array.IndexOf(m.UserIds, 20);
        var undoneOnly = new bool[m.Count];
        for (var k = m.UserOffsets[user]; k < m.UserOffsets[user + 1]; k++)
        {
            undoneOnly[k] = m.TrackIds[m.UserItems[k]] < 20;
        }

        var asPlayed = m.Without(undoneOnly);

        var two = UserLists.Build(model, 10, UserListOptions.Defaults with { Seeds = 2 }, asPlayed: asPlayed)[user];
        var four = UserLists.Build(model, 10, UserListOptions.Defaults with { Seeds = 4 }, asPlayed: asPlayed)[user];
        var without = UserLists.Build(model, 10, UserListOptions.Defaults with { Seeds = 2 })[user];

        // round 0 is the seeds themselves: the two as-played tracks, then (four seeds) the best-scored undone ones
        Assert.Equal([20, 21], two.Take(2).Select(i => m.TrackIds[i]).Order());
        Assert.Equal([20, 21], four.Take(2).Select(i => m.TrackIds[i]).Order());
        Assert.All(four.Skip(2).Take(2), i => Assert.True(m.TrackIds[i] < 20));
        Assert.All(without.Take(2), i => Assert.True(m.TrackIds[i] < 20)); // without the as-played matrix: the best-scored A tracks
    }
}
