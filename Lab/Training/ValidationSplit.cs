namespace Botify.Lab.Training;

/// <summary>
/// The training positives a model fits (<see cref="Fit"/>, same dense indices) and the ones it is validated on:
/// a seeded sample of at most <see cref="EarlyStoppingOptions.ValidationUsers"/> users with enough positives
/// lends a share of them. Scoring ranks all tracks for those users, their fitted positives excluded.
/// </summary>
public sealed class ValidationSplit
{
    private ValidationSplit(InteractionMatrix fit, int[] users, int[][] items)
    {
        Fit = fit;
        Users = users;
        Items = items;
    }

    public InteractionMatrix Fit { get; }

    /// <summary>Validation users (dense indices, ascending).</summary>
    public int[] Users { get; }

    /// <summary>Held-out items of Users[r], ascending.</summary>
    public int[][] Items { get; }

    public int Pairs
    {
        get
        {
            var pairs = 0;
            foreach (var items in Items)
            {
                pairs += items.Length;
            }

            return pairs;
        }
    }

    public static ValidationSplit Create(InteractionMatrix train, EarlyStoppingOptions options, int seed)
    {
        if (!options.Enabled)
        {
            return new ValidationSplit(train, [], []);
        }

        // users ordered by a hash of (seed, user): the sample does not depend on the id layout
        var candidates = new List<(ulong Draw, int User)>();
        for (var u = 0; u < train.Users; u++)
        {
            if (train.ItemsOf(u).Length >= options.MinPositives)
            {
                candidates.Add((SplitMix64.Mix((ulong)seed, 0x7A1, (ulong)u), u));
            }
        }

        candidates.Sort();
        var users = new int[Math.Min(options.ValidationUsers, candidates.Count)];
        for (var r = 0; r < users.Length; r++)
        {
            users[r] = candidates[r].User;
        }

        Array.Sort(users);
        var removed = new bool[train.Count];
        var items = new int[users.Length][];
        for (var r = 0; r < users.Length; r++)
        {
            items[r] = HoldOut(train, users[r], options.ValidationShare, seed, removed);
        }

        return new ValidationSplit(train.Without(removed), users, items);
    }

    /// <summary>Marks round(share · n) (at least 1, at most n − 1) of the user's positives, chosen by a seeded shuffle.</summary>
    private static int[] HoldOut(InteractionMatrix train, int user, double share, int seed, bool[] removed)
    {
        var start = train.UserOffsets[user];
        var n = train.UserOffsets[user + 1] - start;
        var take = Math.Clamp((int)Math.Round(share * n), 1, n - 1);
        var order = new int[n];
        for (var k = 0; k < n; k++)
        {
            order[k] = k;
        }

        var rng = new SplitMix64(SplitMix64.Mix((ulong)seed, 0x7A2, (ulong)user));
        for (var k = n - 1; k > 0; k--)
        {
            var swap = rng.Next(k + 1);
            (order[k], order[swap]) = (order[swap], order[k]);
        }

        var items = new int[take];
        for (var k = 0; k < take; k++)
        {
            removed[start + order[k]] = true;
            items[k] = train.UserItems[start + order[k]];
        }

        Array.Sort(items);
        return items;
    }

    /// <summary>NDCG@K and recall@K of the model's full ranking over the validation users.</summary>
    public ValidationScore Score(float[] userFactors, float[] itemFactors, float[]? itemBias, int dimensions, int k, int threads)
    {
        var tops = TopKScorer.TopK(userFactors, itemFactors, itemBias, dimensions, k, Fit, Users, threads);
        double ndcg = 0, recall = 0;
        for (var r = 0; r < Users.Length; r++)
        {
            double dcg = 0, ideal = 0;
            var hits = 0;
            for (var rank = 0; rank < tops[r].Length; rank++)
            {
                if (Array.BinarySearch(Items[r], tops[r][rank]) >= 0)
                {
                    hits++;
                    dcg += 1 / Math.Log2(rank + 2);
                }
            }

            for (var rank = 0; rank < Math.Min(k, Items[r].Length); rank++)
            {
                ideal += 1 / Math.Log2(rank + 2);
            }

            ndcg += dcg / ideal;
            recall += (double)hits / Math.Min(k, Items[r].Length);
        }

        var n = Math.Max(1, Users.Length);
        return new ValidationScore(k, Users.Length, ndcg / n, recall / n);
    }
}
