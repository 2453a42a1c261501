using System.Numerics.Tensors;

namespace Botify.Lab.Training;

/// <summary>
/// Top-K items per user by dot product (+ bias): users in blocks against item blocks that stay in
/// cache, a bounded min-heap per user (partial sort), the user's training positives skipped unless <c>exclude</c> is null.
/// Deterministic: each user is scored by one thread, items in ascending order, ties to the lower index.
/// </summary>
public static class TopKScorer
{
    private const int UserBlock = 32;
    private const int ItemBlock = 1024;

    public static int[][] TopK(float[] userFactors, float[] itemFactors, float[]? itemBias, int dimensions, InteractionMatrix? exclude, int k, int threads = 0)
    {
        var users = userFactors.Length / dimensions;
        var items = itemFactors.Length / dimensions;
        var result = new int[users][];
        var blocks = (users + UserBlock - 1) / UserBlock;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        if (VectorKernels.Supports(dimensions) && items > 0)
        {
            TiledTopK(userFactors, itemFactors, itemBias, dimensions, exclude, k, parallel, result);
            return result;
        }

        Parallel.For(0, blocks, parallel, () => new Heap[UserBlock], (block, _, heaps) =>
        {
            var first = block * UserBlock;
            var last = Math.Min(users, first + UserBlock);
            for (var u = first; u < last; u++)
            {
                heaps[u - first] ??= new Heap(k);
                heaps[u - first].Reset(Math.Min(k, items));
            }

            Span<float> scores = stackalloc float[ItemBlock];
            for (var itemStart = 0; itemStart < items; itemStart += ItemBlock)
            {
                var itemEnd = Math.Min(items, itemStart + ItemBlock);
                for (var u = first; u < last; u++)
                {
                    var user = userFactors.AsSpan(u * dimensions, dimensions);
                    var heap = heaps[u - first];
                    var excluded = exclude is null ? default : exclude.ItemsOf(u);
                    for (var i = itemStart; i < itemEnd; i++)
                    {
                        scores[i - itemStart] = TensorPrimitives.Dot(user, itemFactors.AsSpan(i * dimensions, dimensions));
                    }

                    if (itemBias is not null)
                    {
                        TensorPrimitives.Add(scores[..(itemEnd - itemStart)], itemBias.AsSpan(itemStart, itemEnd - itemStart), scores);
                    }

                    for (var i = itemStart; i < itemEnd; i++)
                    {
                        var score = scores[i - itemStart];
                        if (heap.Accepts(score) && excluded.BinarySearch(i) < 0)
                        {
                            heap.Push(score, i);
                        }
                    }
                }
            }

            for (var u = first; u < last; u++)
            {
                result[u] = heaps[u - first].SortedDescending();
            }

            return heaps;
        }, _ => { });
        return result;
    }

    /// <summary>The fast path: item blocks transposed once, scored 4 users × 16 items per register tile.</summary>
    private static void TiledTopK(float[] userFactors, float[] itemFactors, float[]? itemBias, int d, InteractionMatrix? exclude, int k,
        ParallelOptions parallel, int[][] result)
    {
        var users = result.Length;
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

        var blocks = (users + UserBlock - 1) / UserBlock;
        Parallel.For(0, blocks, parallel,
            () => (Heaps: new Heap[UserBlock], Tile: new float[4 * d], Scores: new float[4 * ItemBlock]),
            (block, _, state) =>
            {
                var first = block * UserBlock;
                var last = Math.Min(users, first + UserBlock);
                for (var u = first; u < last; u++)
                {
                    state.Heaps[u - first] ??= new Heap(k);
                    state.Heaps[u - first].Reset(Math.Min(k, items));
                }

                for (var b = 0; b < itemBlocks; b++)
                {
                    var itemStart = b * ItemBlock;
                    var count = Math.Min(ItemBlock, items - itemStart);
                    var padded = (count + 15) & ~15;
                    var blockT = transposed.AsSpan(b * d * ItemBlock, d * ItemBlock);
                    for (var g = first; g < last; g += 4)
                    {
                        var rows = Math.Min(4, last - g);
                        Array.Clear(state.Tile);
                        userFactors.AsSpan(g * d, rows * d).CopyTo(state.Tile);
                        VectorKernels.DotTile4(state.Tile, d, blockT, ItemBlock, padded, state.Scores);
                        for (var r = 0; r < rows; r++)
                        {
                            var scores = state.Scores.AsSpan(r * ItemBlock, count);
                            if (itemBias is not null)
                            {
                                TensorPrimitives.Add(scores, itemBias.AsSpan(itemStart, count), scores);
                            }

                            var heap = state.Heaps[g + r - first];
                            var excluded = exclude is null ? default : exclude.ItemsOf(g + r);
                            for (var i = 0; i < count; i++)
                            {
                                if (heap.Accepts(scores[i]) && excluded.BinarySearch(itemStart + i) < 0)
                                {
                                    heap.Push(scores[i], itemStart + i);
                                }
                            }
                        }
                    }
                }

                for (var u = first; u < last; u++)
                {
                    result[u] = state.Heaps[u - first].SortedDescending();
                }

                return state;
            }, _ => { });
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
