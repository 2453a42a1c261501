using System.Diagnostics;
using System.Numerics.Tensors;

namespace Botify.Lab.Training;

/// <summary>
/// Implicit-feedback ALS (Hu, Koren &amp; Volinsky 2008) with the conjugate-gradient solver of
/// Takács et al. as benfred/implicit runs it: users are solved from the track factors, then tracks from
/// the user factors; each solve takes <see cref="AlsOptions.CgSteps"/> CG steps from the previous
/// factors on (YᵀY + λI + Σᵢ (cᵢ − 1) yᵢyᵢᵀ) x = Σᵢ cᵢ yᵢ, never forming the per-row matrix.
/// </summary>
public static class ImplicitAls
{
    public const string Name = "ALS";

    /// <summary>Independent partial Gram sums, added in this order: the result does not depend on the thread count.</summary>
    private const int GramChunks = 16;

    public static EmbeddingModel Train(InteractionMatrix matrix, AlsOptions options, Action<AlsIterationReport>? progress = null)
    {
        if (matrix.Count == 0)
        {
            throw new ArgumentException($"{Name}: no training interactions; lower --positive-threshold or pass logs with more events.");
        }

        var d = options.Factors;
        var random = new SplitMix64(SplitMix64.Mix((ulong)options.Seed, 0xA15));
        var users = Uniform(matrix.Users * d, options.InitScale, ref random);
        var items = Uniform(matrix.Items * d, options.InitScale, ref random);
        var confidence = (float)(1 + options.Alpha);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads) };
        var clock = Stopwatch.StartNew();
        for (var iteration = 1; iteration <= options.Iterations; iteration++)
        {
            clock.Restart();
            SolveAll(users, items, matrix.UserOffsets, matrix.UserItems, d, confidence, options, parallel);
            SolveAll(items, users, matrix.ItemOffsets, matrix.ItemUsers, d, confidence, options, parallel);
            var loss = progress is null ? double.NaN : Loss(matrix, users, items, d, confidence, options.Regularisation, parallel);
            progress?.Invoke(new AlsIterationReport(iteration, options.Iterations, loss, clock.Elapsed.TotalSeconds));
        }

        return new EmbeddingModel(Name, matrix, d, users, items, null);
    }

    /// <summary>Every row of <paramref name="target"/> from the fixed factors of <paramref name="other"/>.</summary>
    private static void SolveAll(float[] target, float[] other, int[] offsets, int[] indices, int d, float confidence, AlsOptions options,
        ParallelOptions parallel)
    {
        var gram = Gram(other, d, (float)options.Regularisation, parallel);
        var rows = offsets.Length - 1;
        Parallel.For(0, rows, parallel, () => new float[3 * d], (row, _, buffers) =>
        {
            var liked = indices.AsSpan(offsets[row], offsets[row + 1] - offsets[row]);
            ConjugateGradient(target.AsSpan(row * d, d), liked, other, gram, d, confidence, options.CgSteps, buffers);
            return buffers;
        }, _ => { });
    }

    /// <summary>
    /// A few CG steps on A x = b with A = gram + Σᵢ (c − 1) yᵢyᵢᵀ and b = Σᵢ c yᵢ over the row's positives,
    /// starting from the current x; A·p is computed as gram·p + Σᵢ (c − 1)(yᵢ·p) yᵢ.
    /// </summary>
    internal static void ConjugateGradient(Span<float> x, ReadOnlySpan<int> liked, float[] other, float[] gram, int d, float confidence, int steps,
        float[] buffers)
    {
        if (liked.IsEmpty)
        {
            x.Clear();
            return;
        }

        var r = buffers.AsSpan(0, d);
        var p = buffers.AsSpan(d, d);
        var ap = buffers.AsSpan(2 * d, d);
        var extra = confidence - 1;

        // r = b − A x
        MultiplyGram(gram, x, r, d);
        TensorPrimitives.Negate(r, r);
        foreach (var i in liked)
        {
            var y = other.AsSpan(i * d, d);
            TensorPrimitives.MultiplyAdd(y, confidence - extra * TensorPrimitives.Dot(y, x), r, r);
        }

        r.CopyTo(p);
        var rsOld = TensorPrimitives.Dot(r, r);
        for (var step = 0; step < steps && rsOld >= 1e-20f; step++)
        {
            MultiplyGram(gram, p, ap, d);
            foreach (var i in liked)
            {
                var y = other.AsSpan(i * d, d);
                TensorPrimitives.MultiplyAdd(y, extra * TensorPrimitives.Dot(y, p), ap, ap);
            }

            var alpha = rsOld / TensorPrimitives.Dot(p, ap);
            TensorPrimitives.MultiplyAdd(p, alpha, x, x);
            TensorPrimitives.MultiplyAdd(ap, -alpha, r, r);
            var rsNew = TensorPrimitives.Dot(r, r);
            if (rsNew < 1e-20f)
            {
                break;
            }

            TensorPrimitives.MultiplyAdd(p, rsNew / rsOld, r, p);
            rsOld = rsNew;
        }
    }

    /// <summary>YᵀY + λI (d × d, row-major) from fixed chunks of rows summed in order.</summary>
    internal static float[] Gram(float[] factors, int d, float regularisation, ParallelOptions parallel)
    {
        var rows = factors.Length / d;
        var partial = new float[GramChunks][];
        Parallel.For(0, GramChunks, parallel, chunk =>
        {
            var sum = new float[d * d];
            var end = (int)((long)rows * (chunk + 1) / GramChunks);
            for (var i = (int)((long)rows * chunk / GramChunks); i < end; i++)
            {
                var y = factors.AsSpan(i * d, d);
                for (var j = 0; j < d; j++)
                {
                    var row = sum.AsSpan(j * d, d);
                    TensorPrimitives.MultiplyAdd(y, y[j], row, row);
                }
            }

            partial[chunk] = sum;
        });
        var gram = partial[0];
        for (var chunk = 1; chunk < GramChunks; chunk++)
        {
            TensorPrimitives.Add(gram, partial[chunk], gram);
        }

        for (var j = 0; j < d; j++)
        {
            gram[j * d + j] += regularisation;
        }

        return gram;
    }

    private static void MultiplyGram(float[] gram, ReadOnlySpan<float> v, Span<float> result, int d)
    {
        for (var j = 0; j < d; j++)
        {
            result[j] = TensorPrimitives.Dot(gram.AsSpan(j * d, d), v);
        }
    }

    /// <summary>
    /// Σ over all cells of c·(p − x·y)² + λ(|X|² + |Y|²), per unit of confidence (implicit's calculate_loss),
    /// computed without the dense matrix: xᵀYᵀYx + Σᵢ [(c − 1)(x·yᵢ)² − 2c(x·yᵢ) + c] per user.
    /// </summary>
    private static double Loss(InteractionMatrix m, float[] users, float[] items, int d, float confidence, double regularisation, ParallelOptions parallel)
    {
        var gram = Gram(items, d, 0, parallel);
        var perUser = new double[m.Users];
        Parallel.For(0, m.Users, parallel, () => new float[d], (u, _, buffer) =>
        {
            var x = users.AsSpan(u * d, d);
            MultiplyGram(gram, x, buffer, d);
            double loss = TensorPrimitives.Dot(buffer, x);
            foreach (var i in m.ItemsOf(u))
            {
                double score = TensorPrimitives.Dot(items.AsSpan(i * d, d), x);
                loss += (confidence - 1) * score * score - 2 * confidence * score + confidence;
            }

            perUser[u] = loss + regularisation * TensorPrimitives.Dot(x, x);
            return buffer;
        }, _ => { });
        var total = 0.0;
        foreach (var loss in perUser)
        {
            total += loss;
        }

        total += regularisation * TensorPrimitives.Dot(items, items);
        var cells = (double)m.Users * m.Items - m.Count + (double)confidence * m.Count;
        return total / cells;
    }

    private static float[] Uniform(int length, double scale, ref SplitMix64 random)
    {
        var values = new float[length];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = (float)(random.NextDouble() * scale);
        }

        return values;
    }
}
