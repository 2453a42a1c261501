using System.Numerics.Tensors;

namespace Botify.Lab.Training;

/// <summary>
/// Top-K items per user by dot product (+ bias): users in blocks against item blocks that stay in
/// cache, a bounded min-heap per user (partial sort), optionally without each user's items in an exclusion matrix.
/// Deterministic: each user is scored by one thread, items in ascending order, ties to the lower index.
/// </summary>
public static class TopKScorer
{
    private const int UserBlock = 32;
    private const int ItemBlock = 1024;

    /// <summary>
    /// The best <paramref name="k"/> items, best first, of each user in <paramref name="users"/> (dense indices; null = all),
    /// result row r for users[r]; items of the user's row in <paramref name="exclude"/> are skipped (null: nothing is).
    /// </summary>
    public static int[][] TopK(float[] userFactors, float[] itemFactors, float[]? itemBias, int dimensions, int k,
        InteractionMatrix? exclude = null, int[]? users = null, int threads = 0)
    {
        users ??= AllUsers(userFactors.Length / dimensions);
        var result = new int[users.Length][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        var items = itemFactors.Length / dimensions;
        var scoring = new Scoring(userFactors, itemFactors, itemBias, dimensions, Math.Min(k, items), exclude);
        if (VectorKernels.Supports(dimensions) && items > 0)
        {
            var transposed = TransposeBlocks(itemFactors, dimensions, parallel);
            var blocks = (users.Length + UserBlock - 1) / UserBlock;
            Parallel.For(0, blocks, parallel, () => new TiledState(dimensions, k),
                (block, _, state) => scoring.Tiled(users, block * UserBlock, Math.Min(users.Length, (block + 1) * UserBlock), transposed, state, result),
                _ => { });
            return result;
        }

        Parallel.For(0, (users.Length + UserBlock - 1) / UserBlock, parallel, () => new Heap(k), (block, _, heap) =>
        {
            for (var r = block * UserBlock; r < Math.Min(users.Length, (block + 1) * UserBlock); r++)
            {
                result[r] = scoring.Plain(users[r], heap);
            }

            return heap;
        }, _ => { });
        return result;
    }

    private static int[] AllUsers(int count)
    {
        var all = new int[count];
        for (var u = 0; u < count; u++)
        {
            all[u] = u;
        }

        return all;
    }

    /// <summary>Item blocks of <see cref="ItemBlock"/> transposed (dimension-major), zero-padded, for the 4 × 16 register tile.</summary>
    private static float[] TransposeBlocks(float[] itemFactors, int d, ParallelOptions parallel)
    {
        var items = itemFactors.Length / d;
        var itemBlocks = (items + ItemBlock - 1) / ItemBlock;
        var transposed = new float[itemBlocks * d * ItemBlock];
        Parallel.For(0, itemBlocks, parallel, b =>
        {
            var block = transposed.AsSpan(b * d * ItemBlock, d * ItemBlock);
            var end = Math.Min(items, (b + 1) * ItemBlock);
            for (var i = b * ItemBlock; i < end; i++)
            {
                var row = itemFactors.AsSpan(i * d, d);
                var column = i - b * ItemBlock;
                for (var c = 0; c < d; c++)
                {
                    block[c * ItemBlock + column] = row[c];
                }
            }
        });
        return transposed;
    }

    private sealed class TiledState(int d, int k)
    {
        public readonly Heap[] Heaps = CreateHeaps(k);
        public readonly float[] Tile = new float[4 * d];
        public readonly float[] Scores = new float[4 * ItemBlock];

        private static Heap[] CreateHeaps(int k)
        {
            var heaps = new Heap[UserBlock];
            for (var h = 0; h < heaps.Length; h++)
            {
                heaps[h] = new Heap(k);
            }

            return heaps;
        }
    }

    private sealed class Scoring(float[] userFactors, float[] itemFactors, float[]? itemBias, int d, int k, InteractionMatrix? exclude)
    {
        private readonly int items = itemFactors.Length / d;

        /// <summary>Users users[first..last) against every transposed item block, 4 users × 16 items per register tile.</summary>
        public TiledState Tiled(int[] users, int first, int last, float[] transposed, TiledState state, int[][] result)
        {
            for (var r = first; r < last; r++)
            {
                state.Heaps[r - first].Reset(k);
            }

            for (var itemStart = 0; itemStart < items; itemStart += ItemBlock)
            {
                var count = Math.Min(ItemBlock, items - itemStart);
                var blockT = transposed.AsSpan(itemStart * d, d * ItemBlock);
                for (var g = first; g < last; g += 4)
                {
                    var rows = Math.Min(4, last - g);
                    Array.Clear(state.Tile);
                    for (var r = 0; r < rows; r++)
                    {
                        userFactors.AsSpan(users[g + r] * d, d).CopyTo(state.Tile.AsSpan(r * d, d));
                    }

                    VectorKernels.DotTile4(state.Tile, d, blockT, ItemBlock, (count + 15) & ~15, state.Scores);
                    for (var r = 0; r < rows; r++)
                    {
                        Offer(state.Scores.AsSpan(r * ItemBlock, count), itemStart, users[g + r], state.Heaps[g + r - first]);
                    }
                }
            }

            for (var r = first; r < last; r++)
            {
                result[r] = state.Heaps[r - first].SortedDescending();
            }

            return state;
        }

        /// <summary>One user by TensorPrimitives dot products (dimensions that are not a multiple of 8).</summary>
        public int[] Plain(int user, Heap heap)
        {
            heap.Reset(k);
            Span<float> scores = stackalloc float[ItemBlock];
            var row = userFactors.AsSpan(user * d, d);
            for (var itemStart = 0; itemStart < items; itemStart += ItemBlock)
            {
                var count = Math.Min(ItemBlock, items - itemStart);
                for (var i = 0; i < count; i++)
                {
                    scores[i] = TensorPrimitives.Dot(row, itemFactors.AsSpan((itemStart + i) * d, d));
                }

                Offer(scores[..count], itemStart, user, heap);
            }

            return heap.SortedDescending();
        }

        private void Offer(Span<float> scores, int itemStart, int user, Heap heap)
        {
            if (itemBias is not null)
            {
                TensorPrimitives.Add(scores, itemBias.AsSpan(itemStart, scores.Length), scores);
            }

            var excluded = exclude is null ? default : exclude.ItemsOf(user);
            for (var i = 0; i < scores.Length; i++)
            {
                if (heap.Accepts(scores[i]) && (excluded.IsEmpty || excluded.BinarySearch(itemStart + i) < 0))
                {
                    heap.Push(scores[i], itemStart + i);
                }
            }
        }
    }

    /// <summary>Bounded min-heap of (score, item); ties keep the item seen first (the lower index).</summary>
    internal sealed class Heap(int capacity)
    {
        private readonly float[] heapScores = new float[capacity];
        private readonly int[] heapItems = new int[capacity];
        private int heapCount;
        private int heapLimit = capacity;

        public void Reset(int limit)
        {
            heapCount = 0;
            heapLimit = limit;
        }

        public bool Accepts(float score) => heapLimit > 0 && (heapCount < heapLimit || score > heapScores[0]);

        public void Push(float score, int item)
        {
            if (heapCount < heapLimit)
            {
                var at = heapCount++;
                while (at > 0)
                {
                    var parent = (at - 1) / 2;
                    if (!Less(score, item, heapScores[parent], heapItems[parent]))
                    {
                        break;
                    }

                    heapScores[at] = heapScores[parent];
                    heapItems[at] = heapItems[parent];
                    at = parent;
                }

                heapScores[at] = score;
                heapItems[at] = item;
                return;
            }

            var hole = 0;
            while (true)
            {
                var child = 2 * hole + 1;
                if (child >= heapCount)
                {
                    break;
                }

                if (child + 1 < heapCount && Less(heapScores[child + 1], heapItems[child + 1], heapScores[child], heapItems[child]))
                {
                    child++;
                }

                if (!Less(heapScores[child], heapItems[child], score, item))
                {
                    break;
                }

                heapScores[hole] = heapScores[child];
                heapItems[hole] = heapItems[child];
                hole = child;
            }

            heapScores[hole] = score;
            heapItems[hole] = item;
        }

        public int[] SortedDescending()
        {
            var items = heapItems.AsSpan(0, heapCount).ToArray();
            var scores = heapScores.AsSpan(0, heapCount).ToArray();
            Array.Sort(items, scores); // by item first, then a stable sort by score descending
            var order = new int[heapCount];
            for (var k = 0; k < order.Length; k++)
            {
                order[k] = k;
            }

            Array.Sort(order, (a, b) =>
            {
                var c = scores[b].CompareTo(scores[a]);
                return c != 0 ? c : items[a].CompareTo(items[b]);
            });
            var result = new int[heapCount];
            for (var k = 0; k < order.Length; k++)
            {
                result[k] = items[order[k]];
            }

            return result;
        }

        /// <summary>Heap order: lower score first; at equal score the higher item is "less" (evicted first).</summary>
        private static bool Less(float scoreA, int itemA, float scoreB, int itemB) =>
            scoreA < scoreB || (scoreA == scoreB && itemA > itemB);
    }
}
