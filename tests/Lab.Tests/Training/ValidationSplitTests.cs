using Botify.Lab.Training;

namespace Botify.Lab.Tests.Training;

public sealed class ValidationSplitTests
{
    [Fact]
    public void A_share_of_the_sampled_users_positives_is_held_out_and_the_rest_keeps_its_indices()
    {
        var matrix = BlockLogs.Matrix();
        var options = EarlyStoppingOptions.Defaults with { ValidationUsers = 50, ValidationShare = 0.2 };

        var split = ValidationSplit.Create(matrix, options, seed: 5);

        Assert.Equal(50, split.Users.Length);
        Assert.Equal(split.Users.Order(), split.Users);
        Assert.Equal(matrix.UserIds, split.Fit.UserIds);
        Assert.Equal(matrix.TrackIds, split.Fit.TrackIds);
        Assert.Equal(matrix.Count - split.Pairs, split.Fit.Count);
        for (var r = 0; r < split.Users.Length; r++)
        {
            var user = split.Users[r];
            var n = matrix.ItemsOf(user).Length;
            Assert.Equal(Math.Clamp((int)Math.Round(0.2 * n), 1, n - 1), split.Items[r].Length);
            Assert.All(split.Items[r], item => Assert.True(matrix.Contains(user, item) && !split.Fit.Contains(user, item)));
            Assert.Equal(n - split.Items[r].Length, split.Fit.ItemsOf(user).Length);
        }

        var again = ValidationSplit.Create(matrix, options, seed: 5);
        Assert.Equal(split.Users, again.Users);
        Assert.Equal(split.Items, again.Items);
        Assert.NotEqual(split.Users, ValidationSplit.Create(matrix, options, seed: 6).Users);
    }

    [Fact]
    public void Users_with_too_few_positives_lend_none_and_no_split_leaves_the_matrix_whole()
    {
        var matrix = InteractionMatrix.FromPairs([(1, 10), (2, 10), (2, 11), (3, 12)]);

        var split = ValidationSplit.Create(matrix, EarlyStoppingOptions.Defaults, seed: 1);
        var none = ValidationSplit.Create(matrix, EarlyStoppingOptions.Defaults with { ValidationUsers = 0 }, seed: 1);

        Assert.Equal([1], split.Users); // dense index of user 2, the only one with two positives
        Assert.Single(split.Items[0]);
        Assert.Equal(3, split.Fit.Count);
        Assert.Empty(none.Users);
        Assert.Same(matrix, none.Fit);
    }
}
