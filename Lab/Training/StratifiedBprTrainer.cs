using System.Diagnostics;
using System.Numerics.Tensors;

namespace Botify.Lab.Training;

/// <summary>
/// LightFM-style per-sample BPR or WARP with Adagrad, parallel without races (DSGD, Gemulla et al. 2011):
/// users and items fall into P blocks; in sub-epoch s, partition p trains only the stratum
/// (user block p, item block (p + s) mod P), negatives drawn from that item block. Partitions touch
/// disjoint rows, each has its own PRNG, so a seed gives the same model whatever the thread timing.
/// </summary>
internal static class StratifiedBprTrainer
{
    public static EmbeddingModel Train(string name, InteractionMatrix m, BprOptions o, Action<EpochReport>? progress)
    {
        if (m.Count == 0)
        {
            throw new ArgumentException($"{name}: no training interactions; lower --positive-threshold or pass logs with more events.");
        }

        var d = o.Dimensions;
        var blocks = Math.Max(1, o.Partitions);
        var init = new SplitMix64(SplitMix64.Mix((ulong)o.Seed, 0xF0));
        var users = new float[m.Users * d];
        var items = new float[m.Items * d];
        for (var k = 0; k < users.Length; k++)
        {
            users[k] = (float)(init.NextGaussian() * o.InitScale);
        }

        for (var k = 0; k < items.Length; k++)
        {
            items[k] = (float)(init.NextGaussian() * o.InitScale);
        }

        var bias = o.ItemBias ? new float[m.Items] : null;
        // Adagrad accumulators start at 1, as LightFM's
        var userSquares = Ones(users.Length);
        var itemSquares = Ones(items.Length);
        var biasSquares = Ones(m.Items);

        // strata: edge indices per (user block, item block); item lists per block for negatives
        var strata = new List<int>[blocks, blocks];
        for (var a = 0; a < blocks; a++)
        {
            for (var b = 0; b < blocks; b++)
            {
                strata[a, b] = new List<int>();
            }
        }

        var edgeUser = new int[m.Count];
        for (var u = 0; u < m.Users; u++)
        {
            for (var k = m.UserOffsets[u]; k < m.UserOffsets[u + 1]; k++)
            {
                edgeUser[k] = u;
                strata[u % blocks, m.UserItems[k] % blocks].Add(k);
            }
        }

        var blockItems = new int[blocks][];
        for (var b = 0; b < blocks; b++)
        {
            var list = new List<int>();
            for (var i = b; i < m.Items; i += blocks)
            {
                list.Add(i);
            }

            blockItems[b] = list.ToArray();
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Threads) };
        var lr = (float)o.LearningRate;
        var reg = (float)o.Regularisation;
        var losses = new double[blocks];
        var correct = new long[blocks];
        var counts = new long[blocks];
        for (var epoch = 1; epoch <= o.Epochs; epoch++)
        {
            var watch = Stopwatch.StartNew();
            double epochLoss = 0;
            long epochCorrect = 0, epochSamples = 0;
            for (var s = 0; s < blocks; s++)
            {
                Parallel.For(0, blocks, parallel, p =>
                {
                    var itemBlock = (p + s) % blocks;
                    var stratum = strata[p, itemBlock];
                    var negatives = blockItems[itemBlock];
                    var rng = new SplitMix64(SplitMix64.Mix((ulong)o.Seed, (ulong)epoch, (ulong)s, (ulong)p));
                    Span<float> diff = stackalloc float[d];
                    Span<float> gradient = stackalloc float[d];
                    Span<float> user = stackalloc float[d];
                    double loss = 0;
                    long right = 0;
                    for (var n = 0; n < stratum.Count && negatives.Length > 0; n++)
                    {
                        var edge = stratum[rng.Next(stratum.Count)];
                        var u = edgeUser[edge];
                        var i = m.UserItems[edge];
                        var own = m.ItemsOf(u);
                        var uRow = users.AsSpan(u * d, d);
                        var iRow = items.AsSpan(i * d, d);
                        float g;
                        int j;
                        if (o.Warp)
                        {
                            // WARP (Weston et al.; LightFM's default): draw negatives until one scores within a
                            // margin of 1 of the positive; weight the step by log(⌊(N−1)/draws⌋), the rank estimate
                            var positive = TensorPrimitives.Dot(uRow, iRow) + (bias is null ? 0 : bias[i]);
                            j = -1;
                            var draws = 0;
                            while (draws < o.WarpMaxSamples)
                            {
                                var candidate = negatives[rng.Next(negatives.Length)];
                                draws++;
                                if (own.BinarySearch(candidate) >= 0)
                                {
                                    continue;
                                }

                                var negative = TensorPrimitives.Dot(uRow, items.AsSpan(candidate * d, d)) + (bias is null ? 0 : bias[candidate]);
                                if (negative > positive - 1)
                                {
                                    j = candidate;
                                    break;
                                }
                            }

                            right += j < 0 ? 1 : 0;
                            if (j < 0)
                            {
                                continue;
                            }

                            g = MathF.Log(MathF.Max(1f, MathF.Floor((negatives.Length - 1f) / draws)));
                            loss += g;
                            TensorPrimitives.Subtract(iRow, items.AsSpan(j * d, d), diff);
                        }
                        else
                        {
                            j = negatives[rng.Next(negatives.Length)];
                            for (var tries = 0; tries < 8 && own.BinarySearch(j) >= 0; tries++)
                            {
                                j = negatives[rng.Next(negatives.Length)];
                            }

                            if (j == i)
                            {
                                continue;
                            }

                            TensorPrimitives.Subtract(iRow, items.AsSpan(j * d, d), diff);
                            var x = TensorPrimitives.Dot(uRow, diff) + (bias is null ? 0 : bias[i] - bias[j]);
                            loss += x > 0 ? Math.Log(1 + Math.Exp(-x)) : -x + Math.Log(1 + Math.Exp(x));
                            right += x > 0 ? 1 : 0;
                            g = 1f / (1f + MathF.Exp(x)); // σ(−x): ascent on log σ(x)
                        }

                        if (g == 0)
                        {
                            continue;
                        }

                        var jRow = items.AsSpan(j * d, d);
                        uRow.CopyTo(user);

                        // user: g·(v_i − v_j) − reg·u
                        TensorPrimitives.Multiply(diff, g, gradient);
                        TensorPrimitives.MultiplyAdd(uRow, -reg, gradient, gradient);
                        Adagrad(uRow, gradient, userSquares.AsSpan(u * d, d), lr);
                        // positive: g·u − reg·v_i; negative: −g·u − reg·v_j
                        TensorPrimitives.Multiply(user, g, gradient);
                        TensorPrimitives.MultiplyAdd(iRow, -reg, gradient, gradient);
                        Adagrad(iRow, gradient, itemSquares.AsSpan(i * d, d), lr);
                        TensorPrimitives.Multiply(user, -g, gradient);
                        TensorPrimitives.MultiplyAdd(jRow, -reg, gradient, gradient);
                        Adagrad(jRow, gradient, itemSquares.AsSpan(j * d, d), lr);
                        if (bias is not null)
                        {
                            biasSquares[i] += g * g;
                            bias[i] += lr * g / MathF.Sqrt(biasSquares[i]);
                            biasSquares[j] += g * g;
                            bias[j] -= lr * g / MathF.Sqrt(biasSquares[j]);
                        }
                    }

                    losses[p] = loss;
                    correct[p] = right;
                    counts[p] = stratum.Count;
                });

                for (var p = 0; p < blocks; p++)
                {
                    epochLoss += losses[p];
                    epochCorrect += correct[p];
                    epochSamples += counts[p];
                }
            }

            progress?.Invoke(new EpochReport(name, epoch, o.Epochs, epochLoss / Math.Max(1, epochSamples),
                (double)epochCorrect / Math.Max(1, epochSamples), watch.Elapsed.TotalSeconds));
        }

        return new EmbeddingModel(name, m, d, users, items, bias);
    }

    /// <summary>parameter += lr · gradient / sqrt(Σ gradient²), the sum kept per coordinate.</summary>
    private static void Adagrad(Span<float> parameter, ReadOnlySpan<float> gradient, Span<float> squares, float lr)
    {
        Span<float> step = stackalloc float[parameter.Length];
        TensorPrimitives.MultiplyAdd(gradient, gradient, squares, squares);
        TensorPrimitives.ReciprocalSqrt(squares, step);
        TensorPrimitives.Multiply(step, gradient, step);
        TensorPrimitives.MultiplyAdd(step, lr, parameter, parameter);
    }

    private static float[] Ones(int length)
    {
        var array = new float[length];
        Array.Fill(array, 1f);
        return array;
    }
}
