using Botify.Lab.Training;

namespace Botify.Lab.Tests.Training;

public sealed class TopKScorerTests
{
    [Theory]
    [InlineData(16, true)]   // tiled Vector256 path
    [InlineData(5, false)]   // TensorPrimitives fallback
    [InlineData(16, false)]
    public void Top_k_equals_a_brute_force_sort_without_excluded_items(int dimensions, bool bias)
    {
        var rng = new Random(11);
        const int users = 37, items = 2100; // not multiples of the 4-user tile, 16-item tile or 1024-item block
        var pairs = new List<(int, int)>();
        for (var u = 0; u < users; u++)
        {
            for (var k = 0; k < 30; k++)
            {
                pairs.Add((u, rng.Next(items)));
            }
        }

        for (var i = 0; i < items; i++)
        {
            pairs.Add((0, i)); // every item known to the matrix
        }

        var matrix = InteractionMatrix.FromPairs(pairs);
        var userFactors = Enumerable.Range(0, users * dimensions).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var itemFactors = Enumerable.Range(0, items * dimensions).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var itemBias = bias ? Enumerable.Range(0, items).Select(_ => (float)rng.NextDouble()).ToArray() : null;

        var top = TopKScorer.TopK(userFactors, itemFactors, itemBias, dimensions, 25, matrix);
        var subset = TopKScorer.TopK(userFactors, itemFactors, itemBias, dimensions, 25, matrix, [5, 2, 36]);
        var unexcluded = TopKScorer.TopK(userFactors, itemFactors, itemBias, dimensions, 25);

        for (var u = 1; u < users; u++)
        {
            var expected = Enumerable.Range(0, items)
                .Where(i => !matrix.Contains(u, i))
                .Select(i => (Item: i, Score: Score(userFactors, itemFactors, itemBias, dimensions, u, i)))
                .OrderByDescending(p => p.Score).ThenBy(p => p.Item)
                .Take(25).ToArray();
            Assert.Equal(25, top[u].Length);
            for (var r = 0; r < 25; r++)
            {
                // float sums in another order may swap near-ties: compare scores, not ids
                Assert.Equal(expected[r].Score, Score(userFactors, itemFactors, itemBias, dimensions, u, top[u][r]), 4);
            }
        }

        Assert.Empty(top[0]); // user 0 has every item as a positive
        Assert.Equal([top[5], top[2], top[36]], subset);
        Assert.Equal(25, unexcluded[0].Length); // without an exclusion matrix user 0's positives are ranked like any item
    }

    private static float Score(float[] users, float[] items, float[]? bias, int d, int u, int i)
    {
        var s = 0f;
        for (var k = 0; k < d; k++)
        {
            s += users[u * d + k] * items[i * d + k];
        }

        return s + (bias?[i] ?? 0);
    }
}
