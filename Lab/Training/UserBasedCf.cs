namespace Botify.Lab.Training;

/// <summary>
/// User-based collaborative filtering (the seminar's UserBased row): a user's neighbours are the users
/// with the highest cosine between their positive sets, shrunk by <see cref="UserBasedOptions.Shrink"/>;
/// a track scores Σ sim(u, v)^<see cref="UserBasedOptions.Exponent"/> over the neighbours v that liked it,
/// the user itself counted as its own nearest neighbour (similarity 1), so its liked tracks lead its list.
/// Deterministic: each user is scored by one thread in a fixed order, ties to the lower index.
/// </summary>
public static class UserBasedCf
{
    public const string Name = "UB";

    /// <summary>Top <paramref name="k"/> items per user (dense indices), best first; <paramref name="excludeSeen"/> leaves out its own positives.</summary>
    public static int[][] Recommend(InteractionMatrix m, UserBasedOptions options, int k, bool excludeSeen)
    {
        if (options.Neighbours < 0 || !(options.Shrink >= 0) || !(options.Exponent > 0))
        {
            throw new ArgumentException($"{Name}: --ub-neighbours must be ≥ 0, --ub-shrink ≥ 0 and --ub-exponent > 0.");
        }

        var result = new int[m.Users][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads) };
        Parallel.For(0, m.Users, parallel, () => new Workspace(m, options.Neighbours, k), (u, _, w) =>
        {
            result[u] = w.Recommend(u, options, excludeSeen);
            return w;
        }, _ => { });
        return result;
    }

    /// <summary>One thread's buffers: overlap counts per user, scores per item, the users and items touched.</summary>
    private sealed class Workspace(InteractionMatrix m, int neighbours, int k)
    {
        private readonly int[] overlap = new int[m.Users];
        private readonly float[] similarity = new float[m.Users];
        private readonly List<int> touchedUsers = new();
        private readonly float[] scores = new float[m.Items];
        private readonly bool[] scored = new bool[m.Items];
        private readonly List<int> touchedItems = new();
        private readonly TopKScorer.Heap nearest = new(Math.Max(1, neighbours));
        private readonly TopKScorer.Heap best = new(Math.Max(1, k));

        public int[] Recommend(int u, UserBasedOptions options, bool excludeSeen)
        {
            var own = m.ItemsOf(u);
            foreach (var i in own)
            {
                foreach (var v in m.UsersOf(i))
                {
                    if (v != u && overlap[v]++ == 0)
                    {
                        touchedUsers.Add(v);
                    }
                }
            }

            nearest.Reset(Math.Min(neighbours, touchedUsers.Count));
            foreach (var v in touchedUsers)
            {
                var theirs = m.UserOffsets[v + 1] - m.UserOffsets[v];
                similarity[v] = (float)(overlap[v] / (Math.Sqrt((double)own.Length * theirs) + options.Shrink));
                overlap[v] = 0;
                if (nearest.Accepts(similarity[v]))
                {
                    nearest.Push(similarity[v], v);
                }
            }

            touchedUsers.Clear();
            Add(own, 1f);
            foreach (var v in nearest.SortedDescending())
            {
                Add(m.ItemsOf(v), options.Exponent == 1 ? similarity[v] : (float)Math.Pow(similarity[v], options.Exponent));
            }

            // In index order, so an equal score goes to the lower index whatever the heap holds (and with or without the user's own tracks).
            touchedItems.Sort();
            best.Reset(Math.Min(k, touchedItems.Count));
            foreach (var i in touchedItems)
            {
                if (best.Accepts(scores[i]) && !(excludeSeen && own.BinarySearch(i) >= 0))
                {
                    best.Push(scores[i], i);
                }

                scores[i] = 0;
                scored[i] = false;
            }

            touchedItems.Clear();
            return best.SortedDescending();
        }

        private void Add(ReadOnlySpan<int> liked, float weight)
        {
            foreach (var i in liked)
            {
                if (!scored[i])
                {
                    scored[i] = true;
                    touchedItems.Add(i);
                }

                scores[i] += weight;
            }
        }
    }
}
