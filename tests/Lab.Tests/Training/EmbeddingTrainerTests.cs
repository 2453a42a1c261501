using Botify.Lab.Training;

namespace Botify.Lab.Tests.Training;

public sealed class EmbeddingTrainerTests
{
    public static TheoryData<string> Models => new() { "LFM", "LGCF" };

    private static EmbeddingModel Train(string model, InteractionMatrix matrix, Func<BprOptions, BprOptions>? change = null)
    {
        var defaults = model switch
        {
            "LFM" => MatrixFactorisation.Defaults,
            "LFM-WARP" => MatrixFactorisation.Defaults with { Warp = true },
            _ => LightGcn.Defaults,
        };
        var options = PlantedData.SmallModel(defaults);
        options = change is null ? options : change(options);
        return model == "LGCF" ? LightGcn.Train(matrix, options) : MatrixFactorisation.Train(matrix, options);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Each_user_is_recommended_tracks_of_its_own_group(string model)
    {
        var matrix = InteractionMatrix.FromPairs(PlantedData.Pairs());

        var lists = Train(model, matrix).Recommend(10);

        for (var u = 0; u < matrix.Users; u++)
        {
            var group = PlantedData.GroupOfUser(matrix.UserIds[u]);
            Assert.Equal(10, lists[u].Length);
            Assert.All(lists[u], item => Assert.Equal(group, PlantedData.GroupOfTrack(matrix.TrackIds[item])));
        }
    }

    [Fact]
    public void Lfm_with_warp_loss_recommends_mostly_the_users_own_group()
    {
        // WARP only pushes negatives that violate the margin, so on 80 tracks it orders the non-violating
        // rest loosely: most, not all, of the top 10 come from the user's group (chance: half).
        var matrix = InteractionMatrix.FromPairs(PlantedData.Pairs());

        var lists = Train("LFM-WARP", matrix).Recommend(10);

        var own = 0;
        for (var u = 0; u < matrix.Users; u++)
        {
            var group = PlantedData.GroupOfUser(matrix.UserIds[u]);
            own += lists[u].Count(item => PlantedData.GroupOfTrack(matrix.TrackIds[item]) == group);
        }

        Assert.True(own >= 0.8 * 10 * matrix.Users, $"own-group share {own / (10.0 * matrix.Users):P0}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Recommendations_leave_out_the_users_training_positives(string model)
    {
        var matrix = InteractionMatrix.FromPairs(PlantedData.Pairs());

        var lists = Train(model, matrix).Recommend(30);

        for (var u = 0; u < matrix.Users; u++)
        {
            Assert.All(lists[u], item => Assert.False(matrix.Contains(u, item)));
            Assert.Equal(lists[u].Length, lists[u].Distinct().Count());
            Assert.Equal(30, lists[u].Length); // 80 tracks − 12 positives leave 68 candidates
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Training_is_deterministic_for_a_seed_whatever_the_thread_count(string model)
    {
        var matrix = InteractionMatrix.FromPairs(PlantedData.Pairs());

        var one = Train(model, matrix, o => o with { Threads = 1, Epochs = 5 });
        var two = Train(model, matrix, o => o with { Threads = 2, Epochs = 5 });
        var otherSeed = Train(model, matrix, o => o with { Threads = 2, Epochs = 5, Seed = 7 });

        Assert.Equal(one.ItemFactors, two.ItemFactors);
        Assert.Equal(one.UserFactors, two.UserFactors);
        Assert.NotEqual(one.ItemFactors, otherSeed.ItemFactors);
    }

    [Fact]
    public void Training_reports_every_epoch_and_the_loss_falls()
    {
        var matrix = InteractionMatrix.FromPairs(PlantedData.Pairs());
        var reports = new List<EpochReport>();

        LightGcn.Train(matrix, PlantedData.SmallModel(LightGcn.Defaults), reports.Add);

        Assert.Equal(Enumerable.Range(1, 30), reports.Select(r => r.Epoch));
        Assert.True(reports[^1].Loss < reports[0].Loss * 0.8, $"loss {reports[0].Loss} → {reports[^1].Loss}");
        Assert.True(reports[^1].Accuracy > 0.9, $"ranked right {reports[^1].Accuracy}");
    }
}
