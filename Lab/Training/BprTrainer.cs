using System.Diagnostics;
using System.Numerics.Tensors;

namespace Botify.Lab.Training;

/// <summary>
/// BPR training of base embeddings E0 (users then items, one row each) whose scoring embeddings are
/// the LightGCN layer average F = (1/(L+1)) Σ_l Â^l E0 over the symmetric-normalised user–track graph Â
/// (L = 0: plain matrix factorisation). Each Adam step: forward F; sample triples in fixed partitions,
/// each with its own PRNG and gradient buffer; sum the buffers in order; back-propagate with the same
/// operator (Â is symmetric); update E0. Rows are computed by exactly one thread and sums run in a fixed
/// order, so a seed gives the same model whatever the thread timing.
/// </summary>
internal sealed class BprTrainer
{
    private readonly InteractionMatrix m;
    private readonly BprOptions o;
    private readonly int dims;
    private readonly int nodeRows;
    private readonly float[] userEdgeWeights;
    private readonly float[] itemEdgeWeights;
    private readonly int[] edgeUser;
    private readonly (int Start, int End)[] rowChunks;
    private readonly ParallelOptions parallelOptions;

    private BprTrainer(InteractionMatrix matrix, BprOptions options)
    {
        m = matrix;
        o = options;
        dims = options.Dimensions;
        nodeRows = matrix.Users + matrix.Items;
        parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads) };

        userEdgeWeights = new float[matrix.Count];
        itemEdgeWeights = new float[matrix.Count];
        edgeUser = new int[matrix.Count];
        for (var u = 0; u < matrix.Users; u++)
        {
            var du = matrix.UserOffsets[u + 1] - matrix.UserOffsets[u];
            for (var k = matrix.UserOffsets[u]; k < matrix.UserOffsets[u + 1]; k++)
            {
                var item = matrix.UserItems[k];
                var di = matrix.ItemOffsets[item + 1] - matrix.ItemOffsets[item];
                userEdgeWeights[k] = (float)(1.0 / Math.Sqrt((double)du * di));
                edgeUser[k] = u;
            }
        }

        for (var i = 0; i < matrix.Items; i++)
        {
            var di = matrix.ItemOffsets[i + 1] - matrix.ItemOffsets[i];
            for (var k = matrix.ItemOffsets[i]; k < matrix.ItemOffsets[i + 1]; k++)
            {
                var user = matrix.ItemUsers[k];
                var du = matrix.UserOffsets[user + 1] - matrix.UserOffsets[user];
                itemEdgeWeights[k] = (float)(1.0 / Math.Sqrt((double)du * di));
            }
        }

        rowChunks = ChunkRowsByWork(Math.Max(1, options.Threads) * 8);
    }

    public static EmbeddingModel Train(string name, InteractionMatrix matrix, BprOptions options, Action<EpochReport>? progress)
    {
        if (matrix.Count == 0)
        {
            throw new ArgumentException($"{name}: no training interactions; lower --positive-threshold or pass logs with more events.");
        }

        return new BprTrainer(matrix, options).Run(name, progress);
    }

    private EmbeddingModel Run(string name, Action<EpochReport>? progress)
    {
        var size = nodeRows * dims;
        var e0 = new float[size];
        var init = new SplitMix64(SplitMix64.Mix((ulong)o.Seed, 0xE0));
        for (var k = 0; k < size; k++)
        {
            e0[k] = (float)(init.NextGaussian() * o.InitScale);
        }

        var bias = o.ItemBias ? new float[m.Items] : null;
        var final = o.Layers > 0 ? new float[size] : e0;
        var scratchA = o.Layers > 0 ? new float[size] : [];
        var scratchB = o.Layers > 0 ? new float[size] : [];
        var gradient = new float[size];
        var back = o.Layers > 0 ? new float[size] : gradient;
        var partitions = Math.Max(1, o.Partitions);
        var buffers = new float[partitions][];
        var biasBuffers = new float[partitions][];
        for (var p = 0; p < partitions; p++)
        {
            buffers[p] = new float[size];
            biasBuffers[p] = bias is null ? [] : new float[m.Items];
        }

        var adam = new Adam(size, o.LearningRate);
        var biasAdam = bias is null ? null : new Adam(m.Items, o.LearningRate);
        var biasGradient = bias is null ? [] : new float[m.Items];
        var batches = Math.Max(1, o.BatchesPerEpoch);
        var batchSize = Math.Max(partitions, (int)Math.Ceiling((double)m.Count / batches));
        var losses = new double[partitions];
        var correct = new long[partitions];

        for (var epoch = 1; epoch <= o.Epochs; epoch++)
        {
            var watch = Stopwatch.StartNew();
            double epochLoss = 0;
            long epochCorrect = 0, epochSamples = 0;
            for (var step = 0; step < batches; step++)
            {
                if (o.Layers > 0)
                {
                    Smooth(e0, final, scratchA, scratchB);
                }

                Parallel.For(0, partitions, parallelOptions, p =>
                {
                    var share = batchSize / partitions + (p < batchSize % partitions ? 1 : 0);
                    var seed = SplitMix64.Mix((ulong)o.Seed, (ulong)epoch, (ulong)step, (ulong)p);
                    (losses[p], correct[p]) = SampleGradient(final, bias, buffers[p], biasBuffers[p], share, 1f / batchSize, seed);
                });

                for (var p = 0; p < partitions; p++)
                {
                    epochLoss += losses[p];
                    epochCorrect += correct[p];
                }

                epochSamples += batchSize;
                SumBuffers(buffers, gradient);
                if (o.Layers > 0)
                {
                    Smooth(gradient, back, scratchA, scratchB); // the layer average is symmetric: its transpose is itself
                }

                adam.Step(e0, back, (float)o.Regularisation, parallelOptions);
                if (bias is not null)
                {
                    Array.Clear(biasGradient);
                    for (var p = 0; p < partitions; p++)
                    {
                        TensorPrimitives.Add(biasGradient, biasBuffers[p], biasGradient);
                    }

                    biasAdam!.Step(bias, biasGradient, 0f, parallelOptions);
                }
            }

            progress?.Invoke(new EpochReport(name, epoch, o.Epochs, epochLoss / epochSamples,
                (double)epochCorrect / epochSamples, watch.Elapsed.TotalSeconds));
        }

        if (o.Layers > 0)
        {
            Smooth(e0, final, scratchA, scratchB);
        }

        var users = final.AsSpan(0, m.Users * dims).ToArray();
        var items = final.AsSpan(m.Users * dims, m.Items * dims).ToArray();
        return new EmbeddingModel(name, m, dims, users, items, bias);
    }

    /// <summary>One partition's BPR gradient w.r.t. the scoring embeddings, into its own zeroed buffer.</summary>
    private (double Loss, long Correct) SampleGradient(float[] final, float[]? bias, float[] buffer, float[] biasBuffer, int samples, float scale, ulong seed)
    {
        Array.Clear(buffer);
        Array.Clear(biasBuffer);
        var rng = new SplitMix64(seed);
        var d = dims;
        var itemBase = m.Users * d;
        Span<float> diff = stackalloc float[d];
        double loss = 0;
        long correct = 0;
        for (var s = 0; s < samples; s++)
        {
            var edge = rng.Next(m.Count);
            var user = edgeUser[edge];
            var positive = m.UserItems[edge];
            var negative = rng.Next(m.Items);
            var items = m.ItemsOf(user);
            for (var tries = 0; tries < 8 && items.BinarySearch(negative) >= 0; tries++)
            {
                negative = rng.Next(m.Items);
            }

            var u = final.AsSpan(user * d, d);
            var i = final.AsSpan(itemBase + positive * d, d);
            var j = final.AsSpan(itemBase + negative * d, d);
            TensorPrimitives.Subtract(i, j, diff);
            var x = TensorPrimitives.Dot(u, diff);
            if (bias is not null)
            {
                x += bias[positive] - bias[negative];
            }

            // loss = −log σ(x) = softplus(−x); dloss/dx = −σ(−x)
            loss += x > 0 ? Math.Log(1 + Math.Exp(-x)) : -x + Math.Log(1 + Math.Exp(x));
            if (x > 0)
            {
                correct++;
            }

            var coefficient = -scale / (1f + MathF.Exp(x));
            var gu = buffer.AsSpan(user * d, d);
            TensorPrimitives.MultiplyAdd(diff, coefficient, gu, gu);
            var gi = buffer.AsSpan(itemBase + positive * d, d);
            TensorPrimitives.MultiplyAdd(u, coefficient, gi, gi);
            var gj = buffer.AsSpan(itemBase + negative * d, d);
            TensorPrimitives.MultiplyAdd(u, -coefficient, gj, gj);
            if (bias is not null)
            {
                biasBuffer[positive] += coefficient;
                biasBuffer[negative] -= coefficient;
            }
        }

        return (loss, correct);
    }

    private void SumBuffers(float[][] buffers, float[] into)
    {
        var chunk = 1 << 16;
        var chunks = (into.Length + chunk - 1) / chunk;
        Parallel.For(0, chunks, parallelOptions, c =>
        {
            var start = c * chunk;
            var length = Math.Min(chunk, into.Length - start);
            var target = into.AsSpan(start, length);
            buffers[0].AsSpan(start, length).CopyTo(target);
            for (var p = 1; p < buffers.Length; p++)
            {
                TensorPrimitives.Add(target, buffers[p].AsSpan(start, length), target);
            }
        });
    }

    /// <summary>output = (1/(L+1)) Σ_{l=0..L} Â^l input.</summary>
    private void Smooth(float[] input, float[] output, float[] current, float[] next)
    {
        input.AsSpan().CopyTo(output);
        input.AsSpan().CopyTo(current);
        for (var layer = 0; layer < o.Layers; layer++)
        {
            Propagate(current, next);
            TensorPrimitives.Add(output, next, output);
            (current, next) = (next, current);
        }

        TensorPrimitives.Multiply(output, 1f / (o.Layers + 1), output);
    }

    /// <summary>destination = Â source: each row gathers its neighbours' rows weighted 1/sqrt(deg_u·deg_i).</summary>
    private void Propagate(float[] source, float[] destination)
    {
        var d = dims;
        var users = m.Users;
        Parallel.For(0, rowChunks.Length, parallelOptions, c =>
        {
            var (start, end) = rowChunks[c];
            if (VectorKernels.Supports(d))
            {
                for (var row = start; row < end; row++)
                {
                    var target = destination.AsSpan(row * d, d);
                    if (row < users)
                    {
                        var from = m.UserOffsets[row];
                        var length = m.UserOffsets[row + 1] - from;
                        VectorKernels.GatherWeighted(source, m.UserItems.AsSpan(from, length), users, userEdgeWeights.AsSpan(from, length), d, target);
                    }
                    else
                    {
                        var item = row - users;
                        var from = m.ItemOffsets[item];
                        var length = m.ItemOffsets[item + 1] - from;
                        VectorKernels.GatherWeighted(source, m.ItemUsers.AsSpan(from, length), 0, itemEdgeWeights.AsSpan(from, length), d, target);
                    }
                }

                return;
            }

            for (var row = start; row < end; row++)
            {
                var target = destination.AsSpan(row * d, d);
                target.Clear();
                if (row < users)
                {
                    for (var k = m.UserOffsets[row]; k < m.UserOffsets[row + 1]; k++)
                    {
                        var neighbour = source.AsSpan((users + m.UserItems[k]) * d, d);
                        TensorPrimitives.MultiplyAdd(neighbour, userEdgeWeights[k], target, target);
                    }
                }
                else
                {
                    var item = row - users;
                    for (var k = m.ItemOffsets[item]; k < m.ItemOffsets[item + 1]; k++)
                    {
                        var neighbour = source.AsSpan(m.ItemUsers[k] * d, d);
                        TensorPrimitives.MultiplyAdd(neighbour, itemEdgeWeights[k], target, target);
                    }
                }
            }
        });
    }

    /// <summary>Row ranges with about equal edge counts, so both threads finish together.</summary>
    private (int Start, int End)[] ChunkRowsByWork(int chunks)
    {
        var total = 2L * m.Count + nodeRows;
        var per = Math.Max(1, total / chunks);
        var result = new List<(int, int)>();
        var start = 0;
        long work = 0;
        for (var row = 0; row < nodeRows; row++)
        {
            work += 1 + (row < m.Users
                ? m.UserOffsets[row + 1] - m.UserOffsets[row]
                : m.ItemOffsets[row - m.Users + 1] - m.ItemOffsets[row - m.Users]);
            if (work >= per)
            {
                result.Add((start, row + 1));
                start = row + 1;
                work = 0;
            }
        }

        if (start < nodeRows)
        {
            result.Add((start, nodeRows));
        }

        return result.ToArray();
    }

    /// <summary>Adam (β1 0.9, β2 0.999) with the L2 term added to the gradient.</summary>
    private sealed class Adam(int size, double learningRate)
    {
        private readonly float[] m = new float[size];
        private readonly float[] v = new float[size];
        private int adamStep;

        public void Step(float[] parameters, float[] gradient, float l2, ParallelOptions parallel)
        {
            adamStep++;
            const float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
            var lr = (float)(learningRate * Math.Sqrt(1 - Math.Pow(beta2, adamStep)) / (1 - Math.Pow(beta1, adamStep)));
            var chunk = 1 << 14;
            var chunks = (parameters.Length + chunk - 1) / chunk;
            Parallel.For(0, chunks, parallel, c =>
            {
                var start = c * chunk;
                var end = Math.Min(parameters.Length, start + chunk);
                for (var k = start; k < end; k++)
                {
                    var g = gradient[k] + l2 * parameters[k];
                    m[k] = beta1 * m[k] + (1 - beta1) * g;
                    v[k] = beta2 * v[k] + (1 - beta2) * g * g;
                    parameters[k] -= lr * m[k] / (MathF.Sqrt(v[k]) + epsilon);
                }
            });
        }
    }
}
