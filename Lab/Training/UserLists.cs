using System.Numerics.Tensors;

namespace Botify.Lab.Training;

/// <summary>
/// Per-user tables from an embedding model, built from what each user liked. A plain top-K by user·track follows the
/// user's dominant taste (one vector for three interests, and the best-liked artists again and again); instead the
/// user's best-scored training positives ("seeds", by user·track) each bring themselves and their nearest co-liked
/// tracks — tracks liked by the seed's listeners, by track·track — taken round-robin seed by seed, so every liked
/// taste is in the list.
/// What the seeds cannot fill comes from the plain top-K. Each user is built by one thread: deterministic.
/// </summary>
public static class UserLists
{
    /// <summary>
    /// The lists; with <paramref name="asPlayed"/> (the positives listened above the threshold as played, same indices as the
    /// model's matrix, see <see cref="TrainingData.AsPlayed"/>) the seeds are taken among those first, and among the user's
    /// other training positives only when they are too few.
    /// </summary>
    public static int[][] Build(EmbeddingModel model, int length, UserListOptions options, int threads = 0, InteractionMatrix? asPlayed = null)
    {
        if (options.Seeds == 0)
        {
            return model.Recommend(length, threads, options.ExcludeSeen);
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        var m = model.Matrix;
        var seeds = new int[m.Users][];
        Parallel.For(0, m.Users, parallel, user => seeds[user] = Seeds(model, asPlayed, user, options.Seeds));

        // a track seeds several users: its neighbours are found once
        var isSeed = new bool[m.Items];
        foreach (var userSeeds in seeds)
        {
            foreach (var item in userSeeds)
            {
                isSeed[item] = true;
            }
        }

        var neighbours = new int[m.Items][];
        Parallel.For(0, m.Items, parallel, () => new Buffers(m.Items, length), (item, _, buffers) =>
        {
            neighbours[item] = isSeed[item] ? Neighbours(model, item, length, options.SeedListeners, buffers) : [];
            return buffers;
        }, _ => { });

        var lists = new int[m.Users][];
        Parallel.For(0, m.Users, parallel, () => new Buffers(m.Items, length), (user, _, buffers) =>
        {
            lists[user] = Interleave(m, user, seeds[user], neighbours, length, options.ExcludeSeen, buffers);
            return buffers;
        }, _ => { });

        // users whose seeds' neighbourhoods came up short (few positives, rarely played tracks) are filled from the plain ranking
        var shortUsers = new List<int>();
        for (var u = 0; u < m.Users; u++)
        {
            if (lists[u].Length < length)
            {
                shortUsers.Add(u);
            }
        }

        var ranked = TopKScorer.TopK(model.UserFactors, model.ItemFactors, model.ItemBias, model.Dimensions, length,
            options.ExcludeSeen ? m : null, shortUsers.ToArray(), threads);
        for (var r = 0; r < shortUsers.Count; r++)
        {
            lists[shortUsers[r]] = Fill(lists[shortUsers[r]], ranked[r], length);
        }

        return lists;
    }

    /// <summary>Round r takes every seed's r-th neighbour (seeds best first), skipping repeats and, if asked, the user's positives.</summary>
    private static int[] Interleave(InteractionMatrix m, int user, int[] seeds, int[][] neighbours, int length, bool excludeSeen, Buffers buffers)
    {
        var own = m.ItemsOf(user);
        var list = new List<int>(length);
        buffers.NextStamp();
        for (var round = 0; round < length && list.Count < length; round++)
        {
            var any = false;
            for (var s = 0; s < seeds.Length && list.Count < length; s++)
            {
                var row = neighbours[seeds[s]];
                if (round >= row.Length)
                {
                    continue;
                }

                any = true;
                var item = row[round];
                if (buffers.Mark(item) && !(excludeSeen && own.BinarySearch(item) >= 0))
                {
                    list.Add(item);
                }
            }

            if (!any)
            {
                break;
            }
        }

        return list.ToArray();
    }

    /// <summary>The best-scored of the user's as-played positives, then of their other training positives if too few.</summary>
    private static int[] Seeds(EmbeddingModel model, InteractionMatrix? asPlayed, int user, int count)
    {
        var own = model.Matrix.ItemsOf(user);
        if (asPlayed is null || ReferenceEquals(asPlayed, model.Matrix))
        {
            return BestPositives(model, user, own, count, []);
        }

        var played = asPlayed.ItemsOf(user);
        var first = BestPositives(model, user, played, count, []);
        return first.Length >= count ? first : [.. first, .. BestPositives(model, user, own, count - first.Length, played)];
    }

    /// <summary>The <paramref name="candidates"/> not in <paramref name="skip"/> with the highest user·track (+ bias), best first.</summary>
    private static int[] BestPositives(EmbeddingModel model, int user, ReadOnlySpan<int> candidates, int count, ReadOnlySpan<int> skip)
    {
        var heap = new TopKScorer.Heap(Math.Max(1, count));
        heap.Reset(Math.Min(count, candidates.Length));
        foreach (var item in candidates)
        {
            if (skip.BinarySearch(item) >= 0)
            {
                continue;
            }

            var score = TensorPrimitives.Dot(model.User(user), model.Item(item)) + (model.ItemBias?[item] ?? 0);
            if (heap.Accepts(score))
            {
                heap.Push(score, item);
            }
        }

        return heap.SortedDescending();
    }

    /// <summary>The seed itself, then the tracks liked by its first listeners, nearest to the seed by track·track, best first.</summary>
    private static int[] Neighbours(EmbeddingModel model, int seed, int depth, int seedListeners, Buffers buffers)
    {
        var m = model.Matrix;
        var heap = buffers.Heap;
        heap.Reset(depth - 1);
        buffers.NextStamp();
        buffers.Mark(seed);
        var listeners = m.UsersOf(seed);
        var from = model.Item(seed);
        for (var l = 0; l < Math.Min(seedListeners, listeners.Length); l++)
        {
            foreach (var item in m.ItemsOf(listeners[l]))
            {
                Offer(model, item, from, buffers);
            }
        }

        return [seed, .. heap.SortedDescending()];
    }

    private static void Offer(EmbeddingModel model, int item, ReadOnlySpan<float> from, Buffers buffers)
    {
        if (!buffers.Mark(item))
        {
            return;
        }

        var score = TensorPrimitives.Dot(from, model.Item(item));
        if (buffers.Heap.Accepts(score))
        {
            buffers.Heap.Push(score, item);
        }
    }

    private static int[] Fill(int[] list, int[] ranked, int length)
    {
        var result = new List<int>(length);
        result.AddRange(list);
        var present = new HashSet<int>(list);
        for (var r = 0; r < ranked.Length && result.Count < length; r++)
        {
            if (present.Add(ranked[r]))
            {
                result.Add(ranked[r]);
            }
        }

        return result.ToArray();
    }

    /// <summary>One thread's scratch: a visited stamp per track (no clearing between seeds) and the neighbour heap.</summary>
    private sealed class Buffers(int items, int length)
    {
        private readonly int[] stamps = new int[items];
        private int stamp;

        public TopKScorer.Heap Heap { get; } = new(length);

        public void NextStamp() => stamp++;

        /// <summary>True the first time <paramref name="item"/> is seen since the last <see cref="NextStamp"/>.</summary>
        public bool Mark(int item)
        {
            if (stamps[item] == stamp)
            {
                return false;
            }

            stamps[item] = stamp;
            return true;
        }
    }
}
