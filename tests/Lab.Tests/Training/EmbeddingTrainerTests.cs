using Botify.Lab.Training;

namespace Botify.Lab.Tests.Training;

/// <summary>LightGCN and matrix factorisation (BPR, WARP) on planted logs: structure recovered, determinism, early stopping.</summary>
public sealed class EmbeddingTrainerTests
{
    public static TheoryData<string> Models => new() { "LGCF", "LFM-BPR", "LFM-WARP" };

    private static EmbeddingModel Fit(string model, InteractionMatrix matrix, Func<EarlyStoppingOptions, EarlyStoppingOptions>? stopping = null,
        int? threads = null, int? seed = null, int? maxEpochs = null, List<EpochReport>? reports = null)
    {
        Action<EpochReport> progress = r => reports?.Add(r);
        if (model == "LGCF")
        {
            var o = PlantedData.SmallGcf;
            o = o with
            {
                EarlyStopping = stopping?.Invoke(o.EarlyStopping) ?? o.EarlyStopping,
                Threads = threads ?? o.Threads,
                Seed = seed ?? o.Seed,
                MaxEpochs = maxEpochs ?? o.MaxEpochs,
            };
            return new LightGcn(o).Fit(matrix, progress);
        }

        var m = PlantedData.SmallLfm with { Loss = model == "LFM-WARP" ? RankingLoss.Warp : RankingLoss.Bpr };
        m = m with
        {
            EarlyStopping = stopping?.Invoke(m.EarlyStopping) ?? m.EarlyStopping,
            Threads = threads ?? m.Threads,
            Seed = seed ?? m.Seed,
            MaxEpochs = maxEpochs ?? m.MaxEpochs,
        };
        return new MatrixFactorisation(m).Fit(matrix, progress);
    }

    private static EarlyStoppingOptions NoValidation(EarlyStoppingOptions o) => o with { ValidationUsers = 0 };

    [Theory]
    [MemberData(nameof(Models))]
    public void Each_trainer_recovers_planted_blocks_far_above_chance(string model)
    {
        // 5 blocks: a user's unseen top 10 falls in their own block by chance 20 % of the time
        var matrix = BlockLogs.Matrix();

        var share = BlockLogs.OwnBlockShare(matrix, Fit(model, matrix));

        Assert.True(share >= 0.8, $"{model}: own-block share of the top 10 {share:P1} (chance {1.0 / BlockLogs.Blocks:P0})");
    }

    [Theory]
    [InlineData("LGCF")]
    [InlineData("LFM-BPR")] // WARP stops pushing negatives once none violates the margin: its unseen tail is ordered loosely (the block test covers it)
    public void Each_user_is_recommended_tracks_of_its_own_group(string model)
    {
        var matrix = InteractionMatrix.FromPairs(PlantedData.Pairs());

        // tracks within a group are interchangeable, so validation cannot rank epochs here: a fixed number of epochs
        var lists = Fit(model, matrix, NoValidation, maxEpochs: 40).Recommend(10, excludeSeen: true);

        for (var u = 0; u < matrix.Users; u++)
        {
            var group = PlantedData.GroupOfUser(matrix.UserIds[u]);
            Assert.Equal(10, lists[u].Length);
            Assert.All(lists[u], item => Assert.Equal(group, PlantedData.GroupOfTrack(matrix.TrackIds[item])));
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Published_lists_keep_the_users_positives_unless_seen_ones_are_excluded(string model)
    {
        var matrix = InteractionMatrix.FromPairs(PlantedData.Pairs());
        var fitted = Fit(model, matrix, NoValidation, maxEpochs: 40);

        var kept = fitted.Recommend(30, excludeSeen: false);
        var excluded = fitted.Recommend(30, excludeSeen: true);

        long positivesInList = 0;
        for (var u = 0; u < matrix.Users; u++)
        {
            Assert.Equal(30, kept[u].Length);
            Assert.Equal(30, kept[u].Distinct().Count());
            positivesInList += kept[u].Count(item => matrix.Contains(u, item));
            Assert.All(excluded[u], item => Assert.False(matrix.Contains(u, item)));
            Assert.Equal(30, excluded[u].Length); // 80 tracks − 12 positives leave 68 candidates
        }

        // 12 positives per user; a fitted model ranks nearly all of them into its top 30 of 80
        Assert.True(positivesInList >= 0.9 * 12 * matrix.Users, $"{model}: {positivesInList} of {12 * matrix.Users} positives in the top 30");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Training_is_deterministic_for_a_seed_whatever_the_thread_count(string model)
    {
        var matrix = BlockLogs.Matrix();

        var one = Fit(model, matrix, threads: 1, maxEpochs: 6);
        var two = Fit(model, matrix, threads: 2, maxEpochs: 6);
        var otherSeed = Fit(model, matrix, threads: 2, maxEpochs: 6, seed: 7);

        Assert.Equal(one.ItemFactors, two.ItemFactors);
        Assert.Equal(one.UserFactors, two.UserFactors);
        Assert.Equal(one.ItemBias, two.ItemBias);
        Assert.Equal(one.Recommend(20, excludeSeen: false), two.Recommend(20, excludeSeen: false));
        Assert.NotEqual(one.ItemFactors, otherSeed.ItemFactors);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Early_stopping_stops_once_validation_stops_improving_and_keeps_the_best_check(string model)
    {
        var matrix = BlockLogs.Matrix();
        var reports = new List<EpochReport>();
        var stopping = PlantedData.Stopping with { ValidationUsers = 200, CheckEvery = 1, Patience = 4 };

        var fitted = Fit(model, matrix, _ => stopping, maxEpochs: 2000, reports: reports);

        var summary = fitted.Summary!;
        var checks = reports.Where(r => r.Validation is not null).ToList();
        Assert.True(summary.Epochs < 2000, $"{model}: ran all {summary.Epochs} epochs");
        Assert.StartsWith("stopped early", summary.Reason);
        Assert.Equal(summary.Epochs, summary.BestEpoch + stopping.Patience);
        Assert.True(summary.Best!.Ndcg > checks[0].Validation!.Ndcg, $"{model}: validation never improved on the first check ({checks[0].Validation!.Ndcg})");
        // the returned embeddings are the best check's, not the last epoch's
        var split = ValidationSplit.Create(matrix, stopping, PlantedData.SmallGcf.Seed);
        var again = split.Score(fitted.UserFactors, fitted.ItemFactors, fitted.ItemBias, fitted.Dimensions, stopping.K, 1);
        Assert.Equal(summary.Best.Ndcg, again.Ndcg, 12);
        Assert.True(checks[^1].Validation!.Ndcg <= summary.Best.Ndcg);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Without_a_validation_split_every_epoch_runs(string model)
    {
        var matrix = InteractionMatrix.FromPairs(PlantedData.Pairs());
        var reports = new List<EpochReport>();

        var fitted = Fit(model, matrix, NoValidation, maxEpochs: 12, reports: reports);

        Assert.Equal(Enumerable.Range(1, 12), reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.Null(r.Validation));
        Assert.Equal(12, fitted.Summary!.Epochs);
        Assert.True(reports[^1].Loss < reports[0].Loss, $"{model}: loss {reports[0].Loss} → {reports[^1].Loss}");
    }

    [Fact]
    public void Lightgcn_loss_falls_and_ranks_nearly_every_triple_right()
    {
        var matrix = InteractionMatrix.FromPairs(PlantedData.Pairs());
        var reports = new List<EpochReport>();

        Fit("LGCF", matrix, NoValidation, maxEpochs: 40, reports: reports);

        Assert.True(reports[^1].Loss < reports[0].Loss * 0.5, $"loss {reports[0].Loss} → {reports[^1].Loss}");
        Assert.True(reports[^1].Accuracy > 0.9, $"ranked right {reports[^1].Accuracy}");
    }

    [Theory]
    [InlineData(960, 0, 960)] // fewer positives than a batch: one full batch
    [InlineData(59_000, 0, 16_384)] // 20k day-1 episodes: the reference batch, 4 steps an epoch
    [InlineData(962_417, 0, 120_303)] // 1M day-1 episodes: an eighth of the positives, 8 steps an epoch
    [InlineData(962_417, 4096, 4096)] // an explicit --gcf-batch is kept
    public void Lightgcn_batch_is_the_reference_one_or_an_eighth_of_the_positives(int positives, int option, int expected)
    {
        var o = LightGcnOptions.Defaults with { BatchSize = option };

        Assert.Equal(expected, o.AutoBatch(positives));
    }

    [Fact]
    public void Lightgcn_rate_grows_with_the_square_root_of_a_batch_above_the_reference()
    {
        var o = LightGcnOptions.Defaults with { LearningRate = 0.01 };

        Assert.Equal(0.01, o.RateFor(256), 12);
        Assert.Equal(0.01, o.RateFor(LightGcnOptions.ReferenceBatch), 12);
        Assert.Equal(0.02, o.RateFor(4 * LightGcnOptions.ReferenceBatch), 12);
    }

    [Fact]
    public void Lightgcn_with_the_automatic_batch_recovers_planted_blocks()
    {
        // fewer positives than the reference batch: one full-batch step an epoch
        var matrix = BlockLogs.Matrix();
        var o = PlantedData.SmallGcf with { BatchSize = 0, EarlyStopping = PlantedData.Stopping with { ValidationUsers = 0 }, MaxEpochs = 200 };

        var share = BlockLogs.OwnBlockShare(matrix, new LightGcn(o).Fit(matrix));

        Assert.True(share >= 0.8, $"own-block share of the top 10 {share:P1} (chance {1.0 / BlockLogs.Blocks:P0})");
    }
}
