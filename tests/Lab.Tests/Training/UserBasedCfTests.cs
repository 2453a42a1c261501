using Botify.Lab.Training;

namespace Botify.Lab.Tests.Training;

public sealed class UserBasedCfTests
{
    private static readonly UserBasedOptions Options = UserBasedOptions.Defaults with { Neighbours = 10, Threads = 2 };

    [Fact]
    public void Each_user_is_recommended_unseen_tracks_of_its_own_block()
    {
        var matrix = InteractionMatrix.FromPairs(PlantedData.Pairs());

        var lists = UserBasedCf.Recommend(matrix, Options, 10, excludeSeen: true);

        for (var u = 0; u < matrix.Users; u++)
        {
            var group = PlantedData.GroupOfUser(matrix.UserIds[u]);
            Assert.Equal(10, lists[u].Length);
            Assert.All(lists[u], item => Assert.Equal(group, PlantedData.GroupOfTrack(matrix.TrackIds[item])));
            Assert.All(lists[u], item => Assert.False(matrix.Contains(u, item)));
        }
    }

    [Fact]
    public void Published_lists_keep_the_users_own_positives()
    {
        var matrix = InteractionMatrix.FromPairs(PlantedData.Pairs(perUser: 12));

        var lists = UserBasedCf.Recommend(matrix, Options, 30, excludeSeen: false);
        var unseen = UserBasedCf.Recommend(matrix, Options, 30, excludeSeen: true);

        for (var u = 0; u < matrix.Users; u++)
        {
            // the user is its own nearest neighbour (similarity 1): its 12 tracks are in its list, which otherwise ranks as without them
            Assert.All(matrix.ItemsOf(u).ToArray(), item => Assert.Contains(item, lists[u]));
            Assert.Equal(unseen[u][..18], lists[u].Where(item => !matrix.Contains(u, item)).ToArray());
            var group = PlantedData.GroupOfUser(matrix.UserIds[u]);
            Assert.All(lists[u], item => Assert.Equal(group, PlantedData.GroupOfTrack(matrix.TrackIds[item])));
        }
    }

    [Fact]
    public void Neighbours_that_share_more_tracks_weigh_more()
    {
        // user 0 likes 1, 2, 3; user 1 shares 1, 2, 3 and likes 10; user 2 shares only 1 and likes 20, 21 (two votes of one weak neighbour)
        var matrix = InteractionMatrix.FromPairs([(0, 1), (0, 2), (0, 3), (1, 1), (1, 2), (1, 3), (1, 10), (2, 1), (2, 20), (2, 21), (2, 22)]);

        var list = UserBasedCf.Recommend(matrix, Options with { Shrink = 0 }, 10, excludeSeen: true)[0];

        Assert.Equal(10, matrix.TrackIds[list[0]]);
        Assert.Equal([20, 21, 22], list[1..].Select(i => matrix.TrackIds[i]).Order());
    }

    [Fact]
    public void Lists_do_not_depend_on_the_thread_count()
    {
        var matrix = InteractionMatrix.FromPairs(PlantedData.Pairs(perUser: 6, seed: 11));

        var one = UserBasedCf.Recommend(matrix, Options with { Threads = 1 }, 20, excludeSeen: false);
        var two = UserBasedCf.Recommend(matrix, Options with { Threads = 2 }, 20, excludeSeen: false);

        Assert.Equal(one, two);
    }
}
