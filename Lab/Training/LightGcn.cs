using System.Diagnostics;
using System.Numerics.Tensors;

namespace Botify.Lab.Training;

/// <summary>
/// LightGCN ("LGCF", He et al. 2020) trained as the paper does: base embeddings E⁰ (users, then tracks); scoring
/// embeddings F = S E⁰, the mean of layers 0..K over the normalised user–track graph (<see cref="NormalisedGraph"/>);
/// mini-batch BPR over (user, positive, sampled negative) triples with L2 on the batch's base rows; Adam; early
/// stopping on validation NDCG, keeping the best check's embeddings. Deterministic for a seed whatever the threads:
/// triples are drawn by (seed, epoch, batch, partition) and gradients are summed in triple order.
/// </summary>
public sealed class LightGcn(LightGcnOptions options)
{
    public const string Name = "LGCF";

    public LightGcnOptions Options { get; } = options;

    public EmbeddingModel Fit(InteractionMatrix train, Action<EpochReport>? progress = null)
    {
        if (train.Count == 0)
        {
            throw new ArgumentException($"{Name}: no training interactions; lower --positive-threshold or pass logs with more events.");
        }

        var o = Options;
        var split = ValidationSplit.Create(train, o.EarlyStopping, o.Seed);
        var run = new Run(split.Fit, o);
        var stopping = new EarlyStopping(o.EarlyStopping, o.MaxEpochs);
        var (users, items) = (new float[train.Users * o.Dimensions], new float[train.Items * o.Dimensions]);
        var epoch = 0;
        while (epoch < o.MaxEpochs && !stopping.ShouldStop)
        {
            epoch++;
            var watch = Stopwatch.StartNew();
            var (loss, right) = run.Epoch(epoch);
            ValidationScore? score = null;
            var best = false;
            if (stopping.Due(epoch))
            {
                run.Forward(users, items);
                score = split.Score(users, items, null, o.Dimensions, o.EarlyStopping.K, o.Threads);
                best = stopping.Observe(epoch, score);
                run.Keep(best);
            }

            progress?.Invoke(new EpochReport(Name, epoch, o.MaxEpochs, loss, right, watch.Elapsed.TotalSeconds, score, best));
        }

        run.Final(users, items, o.EarlyStopping.Enabled && stopping.Best is not null);
        return new EmbeddingModel(Name, train, o.Dimensions, users, items, null, stopping.Summary(epoch));
    }

    /// <summary>The buffers of one fit and its update step.</summary>
    private sealed class Run
    {
        private const int Partitions = 8; // fixed, so the draws do not depend on the thread count

        private readonly InteractionMatrix m;
        private readonly LightGcnOptions o;
        private readonly int d;
        private readonly ParallelOptions parallel;
        private readonly NormalisedGraph graph;
        private readonly Adam adam;
        private readonly float[] e0;
        private readonly float[] f;
        private readonly float[] gradient;
        private readonly float[] back;
        private readonly float[] best;
        private readonly int[] activeUsers;
        private readonly int[] tripleUser;
        private readonly int[] triplePositive;
        private readonly int[] tripleNegative;
        private readonly float[] coefficient;
        private readonly double[] partitionLoss = new double[Partitions];
        private readonly long[] partitionRight = new long[Partitions];

        public Run(InteractionMatrix fit, LightGcnOptions options)
        {
            m = fit;
            o = options;
            d = options.Dimensions;
            parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads) };
            graph = new NormalisedGraph(fit, d, options.Layers, parallel);
            var size = graph.Rows * d;
            e0 = new float[size];
            var init = new SplitMix64(SplitMix64.Mix((ulong)options.Seed, 0xE0));
            for (var k = 0; k < size; k++)
            {
                e0[k] = (float)(init.NextGaussian() * options.InitScale);
            }

            (f, gradient, back, best) = (new float[size], new float[size], new float[size], new float[size]);
            Batch = options.AutoBatch(fit.Count);
            Rate = options.RateFor(Batch);
            adam = new Adam(size, Rate, parallel);
            var active = new List<int>();
            for (var u = 0; u < fit.Users; u++)
            {
                if (fit.ItemsOf(u).Length > 0)
                {
                    active.Add(u);
                }
            }

            activeUsers = active.ToArray();
            (tripleUser, triplePositive, tripleNegative) = (new int[Batch], new int[Batch], new int[Batch]);
            coefficient = new float[Batch];
        }

        /// <summary>Triples per step (<see cref="LightGcnOptions.AutoBatch"/>).</summary>
        public int Batch { get; }

        /// <summary>Adam's rate for <see cref="Batch"/> (<see cref="LightGcnOptions.RateFor"/>).</summary>
        public double Rate { get; }

        /// <summary>One epoch: as many triples as positives, in batches of BatchSize; mean BPR loss and ranked-right share.</summary>
        public (double Loss, double Right) Epoch(int epoch)
        {
            double loss = 0;
            long right = 0;
            var batchSize = tripleUser.Length;
            var batches = (m.Count + batchSize - 1) / batchSize;
            for (var b = 0; b < batches; b++)
            {
                var size = Math.Min(batchSize, m.Count - b * batchSize);
                Step(epoch, b, size);
                for (var p = 0; p < Partitions; p++)
                {
                    loss += partitionLoss[p];
                    right += partitionRight[p];
                }
            }

            return (loss / m.Count, (double)right / m.Count);
        }

        /// <summary>
        /// One Adam step: F = S E⁰; triples and their BPR coefficients; ∂L/∂F; ∂L/∂E⁰ = S ∂L/∂F (S is symmetric)
        /// plus the batch's L2 term; Adam on E⁰.
        /// </summary>
        private void Step(int epoch, int batch, int size)
        {
            graph.LayerMean(e0, f);
            Parallel.For(0, Partitions, parallel, p => Sample(epoch, batch, p, size));
            Array.Clear(gradient);
            var items = m.Users * d;
            for (var t = 0; t < size; t++)
            {
                var c = coefficient[t];
                var (u, i, j) = (tripleUser[t] * d, items + triplePositive[t] * d, items + tripleNegative[t] * d);
                var gu = gradient.AsSpan(u, d);
                TensorPrimitives.MultiplyAdd(f.AsSpan(i, d), c, gu, gu);
                TensorPrimitives.MultiplyAdd(f.AsSpan(j, d), -c, gu, gu);
                var gi = gradient.AsSpan(i, d);
                TensorPrimitives.MultiplyAdd(f.AsSpan(u, d), c, gi, gi);
                var gj = gradient.AsSpan(j, d);
                TensorPrimitives.MultiplyAdd(f.AsSpan(u, d), -c, gj, gj);
            }

            graph.LayerMean(gradient, back);
            var l2 = (float)(o.Regularisation / size);
            for (var t = 0; t < size; t++)
            {
                foreach (var row in (ReadOnlySpan<int>)[tripleUser[t] * d, items + triplePositive[t] * d, items + tripleNegative[t] * d])
                {
                    var g = back.AsSpan(row, d);
                    TensorPrimitives.MultiplyAdd(e0.AsSpan(row, d), l2, g, g);
                }
            }

            adam.Step(e0, back);
        }

        /// <summary>
        /// Partition p's share of the batch, as the paper samples: a uniform user, a uniform positive of theirs, a uniform
        /// track they have not liked; coefficient ∂(mean −log σ(x))/∂x = −σ(−x)/size for x = F_u·(F_i − F_j).
        /// </summary>
        private void Sample(int epoch, int batch, int p, int size)
        {
            var rng = new SplitMix64(SplitMix64.Mix((ulong)o.Seed, (ulong)epoch, (ulong)batch, (ulong)p));
            var (start, end) = ((int)((long)size * p / Partitions), (int)((long)size * (p + 1) / Partitions));
            var items = m.Users * d;
            double loss = 0;
            long right = 0;
            for (var t = start; t < end; t++)
            {
                var user = activeUsers[rng.Next(activeUsers.Length)];
                var own = m.ItemsOf(user);
                var positive = own[rng.Next(own.Length)];
                var negative = rng.Next(m.Items);
                for (var tries = 0; tries < 32 && own.BinarySearch(negative) >= 0; tries++)
                {
                    negative = rng.Next(m.Items);
                }

                var fu = f.AsSpan(user * d, d);
                var x = TensorPrimitives.Dot(fu, f.AsSpan(items + positive * d, d)) - TensorPrimitives.Dot(fu, f.AsSpan(items + negative * d, d));
                loss += x > 0 ? Math.Log(1 + Math.Exp(-x)) : -x + Math.Log(1 + Math.Exp(x));
                right += x > 0 ? 1 : 0;
                (tripleUser[t], triplePositive[t], tripleNegative[t]) = (user, positive, negative);
                coefficient[t] = -1f / (1f + MathF.Exp(x)) / size;
            }

            partitionLoss[p] = loss;
            partitionRight[p] = right;
        }

        /// <summary>The current scoring embeddings F, split into user and track rows.</summary>
        public void Forward(float[] users, float[] items)
        {
            graph.LayerMean(e0, f);
            f.AsSpan(0, users.Length).CopyTo(users);
            f.AsSpan(users.Length, items.Length).CopyTo(items);
        }

        /// <summary>After a check: a best one's F (just computed by <see cref="Forward"/>) is kept.</summary>
        public void Keep(bool isBest)
        {
            if (isBest)
            {
                f.AsSpan().CopyTo(best);
            }
        }

        public void Final(float[] users, float[] items, bool useBest)
        {
            if (!useBest)
            {
                graph.LayerMean(e0, f);
            }

            var source = useBest ? best : f;
            source.AsSpan(0, users.Length).CopyTo(users);
            source.AsSpan(users.Length, items.Length).CopyTo(items);
        }
    }
}
