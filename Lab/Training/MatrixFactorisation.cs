using System.Diagnostics;
using System.Numerics.Tensors;

namespace Botify.Lab.Training;

/// <summary>
/// "LFM": LightFM-style matrix factorisation with identity features — user and track embeddings plus a track bias —
/// trained by per-sample Adagrad on the BPR or WARP loss (<see cref="RankingLoss"/>), with early stopping on validation
/// NDCG. Parallel without races (DSGD, Gemulla et al. 2011): users and tracks fall into P blocks; in sub-epoch s,
/// partition p trains only the stratum (user block p, track block (p + s) mod P), negatives drawn from that track block,
/// so partitions touch disjoint rows; each has its own PRNG, so a seed gives the same model whatever the thread count.
/// </summary>
public sealed class MatrixFactorisation(MatrixFactorisationOptions options)
{
    public const string Name = "LFM";

    public MatrixFactorisationOptions Options { get; } = options;

    public EmbeddingModel Fit(InteractionMatrix train, Action<EpochReport>? progress = null)
    {
        if (train.Count == 0)
        {
            throw new ArgumentException($"{Name}: no training interactions; lower --positive-threshold or pass logs with more events.");
        }

        var o = Options;
        var split = ValidationSplit.Create(train, o.EarlyStopping, o.Seed);
        var factors = new Factors(train.Users, train.Items, o);
        var strata = new Strata(split.Fit, o.Blocks);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Threads) };
        var stopping = new EarlyStopping(o.EarlyStopping, o.MaxEpochs);
        Factors? best = null;
        var epoch = 0;
        while (epoch < o.MaxEpochs && !stopping.ShouldStop)
        {
            epoch++;
            var watch = Stopwatch.StartNew();
            var (loss, right) = Epoch(split.Fit, factors, strata, epoch, parallel);
            ValidationScore? score = null;
            var isBest = false;
            if (stopping.Due(epoch))
            {
                score = split.Score(factors.Users, factors.Items, factors.Bias, o.Dimensions, o.EarlyStopping.K, o.Threads);
                isBest = stopping.Observe(epoch, score);
                best = isBest ? factors.CopyInto(best) : best;
            }

            progress?.Invoke(new EpochReport(Name, epoch, o.MaxEpochs, loss, right, watch.Elapsed.TotalSeconds, score, isBest));
        }

        var kept = best ?? factors;
        return new EmbeddingModel(Name, train, o.Dimensions, kept.Users, kept.Items, kept.Bias, stopping.Summary(epoch));
    }

    /// <summary>One epoch: P sub-epochs, each training the P strata of a diagonal in parallel; mean loss and ranked-right share.</summary>
    private (double Loss, double Right) Epoch(InteractionMatrix m, Factors factors, Strata strata, int epoch, ParallelOptions parallel)
    {
        var blocks = strata.Blocks;
        var loss = new double[blocks];
        var right = new long[blocks];
        double totalLoss = 0;
        long totalRight = 0, samples = 0;
        for (var s = 0; s < blocks; s++)
        {
            Parallel.For(0, blocks, parallel, p => (loss[p], right[p]) = TrainStratum(m, factors, strata, epoch, s, p));
            for (var p = 0; p < blocks; p++)
            {
                totalLoss += loss[p];
                totalRight += right[p];
                samples += strata.Edges(p, (p + s) % blocks).Length;
            }
        }

        return (totalLoss / Math.Max(1, samples), (double)totalRight / Math.Max(1, samples));
    }

    private (double Loss, long Right) TrainStratum(InteractionMatrix m, Factors factors, Strata strata, int epoch, int s, int p)
    {
        var edges = strata.Edges(p, (p + s) % strata.Blocks);
        var negatives = strata.Items((p + s) % strata.Blocks);
        var rng = new SplitMix64(SplitMix64.Mix((ulong)Options.Seed, (ulong)epoch, (ulong)s, (ulong)p));
        Span<float> scratch = stackalloc float[2 * Options.Dimensions];
        double loss = 0;
        long right = 0;
        for (var n = 0; n < edges.Length && negatives.Length > 0; n++)
        {
            var edge = edges[rng.Next(edges.Length)];
            var (u, i) = (strata.UserOf(edge), m.UserItems[edge]);
            var (j, weight, sampleLoss, ranked) = Options.Loss == RankingLoss.Warp
                ? factors.WarpNegative(u, i, m.ItemsOf(u), negatives, Options.WarpMaxSamples, ref rng)
                : factors.BprNegative(u, i, m.ItemsOf(u), negatives, ref rng);
            loss += sampleLoss;
            right += ranked ? 1 : 0;
            if (weight > 0)
            {
                factors.Update(u, i, j, weight, scratch);
            }
        }

        return (loss, right);
    }

    /// <summary>User rows, track rows, track bias and their Adagrad accumulators (LightFM starts them at 1).</summary>
    private sealed class Factors
    {
        private readonly int d;
        private readonly float lr;
        private readonly float reg;
        private readonly float[] userSquares;
        private readonly float[] itemSquares;
        private readonly float[]? biasSquares;

        public Factors(int users, int items, MatrixFactorisationOptions o)
        {
            d = o.Dimensions;
            lr = (float)o.LearningRate;
            reg = (float)o.Regularisation;
            var init = new SplitMix64(SplitMix64.Mix((ulong)o.Seed, 0xF0));
            Users = Gaussian(users * d, o.InitScale, ref init);
            Items = Gaussian(items * d, o.InitScale, ref init);
            Bias = o.ItemBias ? new float[items] : null;
            userSquares = Ones(Users.Length);
            itemSquares = Ones(Items.Length);
            biasSquares = o.ItemBias ? Ones(items) : null;
        }

        public float[] Users { get; private init; }
        public float[] Items { get; private init; }
        public float[]? Bias { get; private init; }

        private float Score(int u, int i) => TensorPrimitives.Dot(Users.AsSpan(u * d, d), Items.AsSpan(i * d, d)) + (Bias?[i] ?? 0);

        /// <summary>BPR: one uniform negative of the block the user has not liked; weight σ(−x) of x = x_ui − x_uj, loss −log σ(x).</summary>
        public (int Negative, float Weight, double Loss, bool Ranked) BprNegative(int u, int i, ReadOnlySpan<int> own, int[] negatives, ref SplitMix64 rng)
        {
            var j = negatives[rng.Next(negatives.Length)];
            for (var tries = 0; tries < 8 && own.BinarySearch(j) >= 0; tries++)
            {
                j = negatives[rng.Next(negatives.Length)];
            }

            if (j == i)
            {
                return (j, 0, 0, true);
            }

            var x = Score(u, i) - Score(u, j);
            var loss = x > 0 ? Math.Log(1 + Math.Exp(-x)) : -x + Math.Log(1 + Math.Exp(x));
            return (j, 1f / (1f + MathF.Exp(x)), loss, x > 0);
        }

        /// <summary>
        /// WARP (Weston et al.; LightFM's default): negatives drawn until one scores within a margin of 1 of the positive;
        /// weight log⌊(N − 1)/draws⌋, the rank estimate; none within the margin after max draws: weight 0 (ranked right).
        /// </summary>
        public (int Negative, float Weight, double Loss, bool Ranked) WarpNegative(int u, int i, ReadOnlySpan<int> own, int[] negatives, int maxDraws,
            ref SplitMix64 rng)
        {
            var positive = Score(u, i);
            for (var draws = 1; draws <= maxDraws; draws++)
            {
                var j = negatives[rng.Next(negatives.Length)];
                if (own.BinarySearch(j) < 0 && Score(u, j) > positive - 1)
                {
                    var weight = MathF.Log(MathF.Max(1f, MathF.Floor((negatives.Length - 1f) / draws)));
                    return (j, weight, weight, false);
                }
            }

            return (-1, 0, 0, true);
        }

        /// <summary>
        /// One Adagrad ascent step of weight g on x_ui − x_uj with L2: ∂/∂u = g(v_i − v_j) − reg·u, ∂/∂v_i = g·u − reg·v_i,
        /// ∂/∂v_j = −g·u − reg·v_j, ∂/∂b_i = g, ∂/∂b_j = −g.
        /// </summary>
        public void Update(int u, int i, int j, float g, Span<float> scratch)
        {
            var user = scratch[..d];
            var step = scratch[d..];
            var uRow = Users.AsSpan(u * d, d);
            var iRow = Items.AsSpan(i * d, d);
            var jRow = Items.AsSpan(j * d, d);
            uRow.CopyTo(user);
            TensorPrimitives.Subtract(iRow, jRow, step);
            Ascend(uRow, step, g, userSquares.AsSpan(u * d, d));
            Ascend(iRow, user, g, itemSquares.AsSpan(i * d, d));
            Ascend(jRow, user, -g, itemSquares.AsSpan(j * d, d));
            if (Bias is not null)
            {
                biasSquares![i] += g * g;
                Bias[i] += lr * g / MathF.Sqrt(biasSquares[i]);
                biasSquares[j] += g * g;
                Bias[j] -= lr * g / MathF.Sqrt(biasSquares[j]);
            }
        }

        /// <summary>row += lr · γ / sqrt(Σγ²) with γ = g·direction − reg·row, Σγ² kept per coordinate in <paramref name="squares"/>.</summary>
        private void Ascend(Span<float> row, ReadOnlySpan<float> direction, float g, Span<float> squares)
        {
            Span<float> gamma = stackalloc float[row.Length];
            Span<float> scale = stackalloc float[row.Length];
            TensorPrimitives.Multiply(direction, g, gamma);
            TensorPrimitives.MultiplyAdd(row, -reg, gamma, gamma);
            TensorPrimitives.MultiplyAdd(gamma, gamma, squares, squares);
            TensorPrimitives.ReciprocalSqrt(squares, scale);
            TensorPrimitives.Multiply(scale, gamma, scale);
            TensorPrimitives.MultiplyAdd(scale, lr, row, row);
        }

        public Factors CopyInto(Factors? target)
        {
            if (target is null)
            {
                return new Factors(this);
            }

            Users.AsSpan().CopyTo(target.Users);
            Items.AsSpan().CopyTo(target.Items);
            Bias?.AsSpan().CopyTo(target.Bias);
            return target;
        }

        private Factors(Factors source)
        {
            (d, lr, reg) = (source.d, source.lr, source.reg);
            (Users, Items, Bias) = ((float[])source.Users.Clone(), (float[])source.Items.Clone(), (float[]?)source.Bias?.Clone());
            (userSquares, itemSquares, biasSquares) = ([], [], null);
        }

        private static float[] Gaussian(int length, double scale, ref SplitMix64 rng)
        {
            var values = new float[length];
            for (var k = 0; k < length; k++)
            {
                values[k] = (float)(rng.NextGaussian() * scale);
            }

            return values;
        }

        private static float[] Ones(int length)
        {
            var values = new float[length];
            Array.Fill(values, 1f);
            return values;
        }
    }
}
