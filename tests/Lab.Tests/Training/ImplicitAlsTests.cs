using Botify.Lab.Training;

namespace Botify.Lab.Tests.Training;

public sealed class ImplicitAlsTests
{
    // The planted structure has rank 2: few factors and a firm penalty recover it (8 free factors fit noise among the unseen tracks).
    private static readonly AlsOptions Small = AlsOptions.Defaults with { Factors = 4, Alpha = 10, Regularisation = 5, Iterations = 10, Threads = 2 };

    [Fact]
    public void Each_user_is_recommended_unseen_tracks_of_its_own_block()
    {
        var matrix = InteractionMatrix.FromPairs(PlantedData.Pairs());

        var lists = ImplicitAls.Train(matrix, Small).Recommend(10);

        for (var u = 0; u < matrix.Users; u++)
        {
            var group = PlantedData.GroupOfUser(matrix.UserIds[u]);
            Assert.Equal(10, lists[u].Length);
            Assert.All(lists[u], item => Assert.Equal(group, PlantedData.GroupOfTrack(matrix.TrackIds[item])));
            Assert.All(lists[u], item => Assert.False(matrix.Contains(u, item)));
        }
    }

    [Fact]
    public void Published_lists_rank_the_users_training_positives_too()
    {
        var matrix = InteractionMatrix.FromPairs(PlantedData.Pairs(perUser: 12));
        var model = ImplicitAls.Train(matrix, Small);

        var published = model.Recommend(20, excludeSeen: false);
        var unseen = model.Recommend(20);

        var positives = 0;
        for (var u = 0; u < matrix.Users; u++)
        {
            var own = published[u].Count(item => matrix.Contains(u, item));
            positives += own;
            // the other tracks are ranked exactly as in the evaluation's lists, which leave the positives out
            Assert.Equal(unseen[u][..(20 - own)], published[u].Where(item => !matrix.Contains(u, item)).ToArray());
            var group = PlantedData.GroupOfUser(matrix.UserIds[u]);
            Assert.All(published[u], item => Assert.Equal(group, PlantedData.GroupOfTrack(matrix.TrackIds[item])));
        }

        // a positive has confidence 1 + α: most of them score among a user's best 20 of 80 tracks
        Assert.True(positives > 0.75 * 12 * matrix.Users, $"{positives} of {12 * matrix.Users} positives in the published top 20");
    }

    [Fact]
    public void Training_is_deterministic_for_a_seed_whatever_the_thread_count()
    {
        var matrix = InteractionMatrix.FromPairs(PlantedData.Pairs());

        var one = ImplicitAls.Train(matrix, Small with { Threads = 1 });
        var two = ImplicitAls.Train(matrix, Small with { Threads = 2 });
        var otherSeed = ImplicitAls.Train(matrix, Small with { Seed = 7 });

        Assert.Equal(one.UserFactors, two.UserFactors);
        Assert.Equal(one.ItemFactors, two.ItemFactors);
        Assert.NotEqual(one.ItemFactors, otherSeed.ItemFactors);
    }

    [Fact]
    public void The_weighted_loss_falls_with_the_iterations()
    {
        var matrix = InteractionMatrix.FromPairs(PlantedData.Pairs());
        var reports = new List<AlsIterationReport>();

        ImplicitAls.Train(matrix, Small, reports.Add);

        Assert.Equal(Enumerable.Range(1, Small.Iterations), reports.Select(r => r.Iteration));
        Assert.True(reports[^1].Loss < reports[0].Loss, $"loss {reports[0].Loss} → {reports[^1].Loss}");
        for (var k = 1; k < reports.Count; k++)
        {
            Assert.True(reports[k].Loss <= reports[k - 1].Loss * 1.0001, $"iteration {k + 1}: {reports[k].Loss} after {reports[k - 1].Loss}");
        }
    }

    [Fact]
    public void Enough_conjugate_gradient_steps_solve_the_user_system_exactly()
    {
        // 4 factors: CG reaches the solution of (YᵀY + λI + Σ (c−1) yyᵀ) x = Σ c y in 4 steps (exact arithmetic; 8 steps in float);
        // compare with a direct solve.
        var d = 4;
        var rng = new Random(5);
        var items = Enumerable.Range(0, 6 * d).Select(_ => (float)rng.NextDouble()).ToArray();
        int[] liked = [1, 4];
        const float confidence = 11f, lambda = 0.5f;
        var gram = ImplicitAls.Gram(items, d, lambda, new ParallelOptions());
        var x = new float[d];

        ImplicitAls.ConjugateGradient(x, liked, items, gram, d, confidence, 2 * d, new float[3 * d]);

        var a = new double[d, d];
        var b = new double[d];
        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < d; j++) a[i, j] = gram[i * d + j];
        }
        foreach (var item in liked)
        {
            for (var i = 0; i < d; i++)
            {
                b[i] += confidence * items[item * d + i];
                for (var j = 0; j < d; j++) a[i, j] += (confidence - 1) * items[item * d + i] * items[item * d + j];
            }
        }
        var exact = Solve(a, b);
        for (var i = 0; i < d; i++) Assert.Equal(exact[i], x[i], 3);
    }

    /// <summary>Gaussian elimination with partial pivoting, for the small check above.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++) if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            for (var c = 0; c < n; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
            (b[col], b[pivot]) = (b[pivot], b[col]);
            for (var r = col + 1; r < n; r++)
            {
                var f = a[r, col] / a[col, col];
                for (var c = col; c < n; c++) a[r, c] -= f * a[col, c];
                b[r] -= f * b[col];
            }
        }
        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var s = b[r];
            for (var c = r + 1; c < n; c++) s -= a[r, c] * x[c];
            x[r] = s / a[r, r];
        }
        return x;
    }
}
