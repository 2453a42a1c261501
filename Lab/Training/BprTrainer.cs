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
    private readonly InteractionMatrix _m;
    private readonly BprOptions _o;
    private readonly int _d;
    private readonly int _rows;
    private readonly float[] _userEdgeWeights;
    private readonly float[] _itemEdgeWeights;
    private readonly int[] _edgeUser;
    private readonly (int Start, int End)[] _rowChunks;
    private readonly ParallelOptions _parallel;

    private BprTrainer(InteractionMatrix matrix, BprOptions options)
    {
        _m = matrix;
        _o = options;
        _d = options.Dimensions;
        _rows = matrix.Users + matrix.Items;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads) };

        _userEdgeWeights = new float[matrix.Count];
        _itemEdgeWeights = new float[matrix.Count];
        _edgeUser = new int[matrix.Count];
        for (var u = 0; u < matrix.Users; u++)
        {
            var du = matrix.UserOffsets[u + 1] - matrix.UserOffsets[u];
            for (var k = matrix.UserOffsets[u]; k < matrix.UserOffsets[u + 1]; k++)
            {
                var item = matrix.UserItems[k];
                var di = matrix.ItemOffsets[item + 1] - matrix.ItemOffsets[item];
                _userEdgeWeights[k] = (float)(1.0 / Math.Sqrt((double)du * di));
                _edgeUser[k] = u;
            }
        }

        for (var i = 0; i < matrix.Items; i++)
        {
            var di = matrix.ItemOffsets[i + 1] - matrix.ItemOffsets[i];
            for (var k = matrix.ItemOffsets[i]; k < matrix.ItemOffsets[i + 1]; k++)
            {
                var user = matrix.ItemUsers[k];
                var du = matrix.UserOffsets[user + 1] - matrix.UserOffsets[user];
                _itemEdgeWeights[k] = (float)(1.0 / Math.Sqrt((double)du * di));
            }
        }

        _rowChunks = ChunkRowsByWork(Math.Max(1, options.Threads) * 8);
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
        var size = _rows * _d;
        var e0 = new float[size];
        var init = new SplitMix64(SplitMix64.Mix((ulong)_o.Seed, 0xE0));
        for (var k = 0; k < size; k++)
        {
            e0[k] = (float)(init.NextGaussian() * _o.InitScale);
        }

        var bias = _o.ItemBias ? new float[_m.Items] : null;
        var final = _o.Layers > 0 ? new float[size] : e0;
        var scratchA = _o.Layers > 0 ? new float[size] : [];
        var scratchB = _o.Layers > 0 ? new float[size] : [];
        var gradient = new float[size];
        var back = _o.Layers > 0 ? new float[size] : gradient;
        var partitions = Math.Max(1, _o.Partitions);
        var buffers = new float[partitions][];
        var biasBuffers = new float[partitions][];
        for (var p = 0; p < partitions; p++)
        {
            buffers[p] = new float[size];
            biasBuffers[p] = bias is null ? [] : new float[_m.Items];
        }

        var adam = new Adam(size, _o.LearningRate);
        var biasAdam = bias is null ? null : new Adam(_m.Items, _o.LearningRate);
        var biasGradient = bias is null ? [] : new float[_m.Items];
        var batches = Math.Max(1, _o.BatchesPerEpoch);
        var batchSize = Math.Max(partitions, (int)Math.Ceiling((double)_m.Count / batches));
        var losses = new double[partitions];
        var correct = new long[partitions];

        for (var epoch = 1; epoch <= _o.Epochs; epoch++)
        {
            var watch = Stopwatch.StartNew();
            double epochLoss = 0;
            long epochCorrect = 0, epochSamples = 0;
            for (var step = 0; step < batches; step++)
            {
                if (_o.Layers > 0)
                {
                    Smooth(e0, final, scratchA, scratchB);
                }

                Parallel.For(0, partitions, _parallel, p =>
                {
                    var share = batchSize / partitions + (p < batchSize % partitions ? 1 : 0);
                    var seed = SplitMix64.Mix((ulong)_o.Seed, (ulong)epoch, (ulong)step, (ulong)p);
                    (losses[p], correct[p]) = SampleGradient(final, bias, buffers[p], biasBuffers[p], share, 1f / batchSize, seed);
                });

                for (var p = 0; p < partitions; p++)
                {
                    epochLoss += losses[p];
                    epochCorrect += correct[p];
                }

                epochSamples += batchSize;
                SumBuffers(buffers, gradient);
                if (_o.Layers > 0)
                {
                    Smooth(gradient, back, scratchA, scratchB); // the layer average is symmetric: its transpose is itself
                }

                adam.Step(e0, back, (float)_o.Regularisation, _parallel);
                if (bias is not null)
                {
                    Array.Clear(biasGradient);
                    for (var p = 0; p < partitions; p++)
                    {
                        TensorPrimitives.Add(biasGradient, biasBuffers[p], biasGradient);
                    }

                    biasAdam!.Step(bias, biasGradient, 0f, _parallel);
                }
            }

            progress?.Invoke(new EpochReport(name, epoch, _o.Epochs, epochLoss / epochSamples,
                (double)epochCorrect / epochSamples, watch.Elapsed.TotalSeconds));
        }

        if (_o.Layers > 0)
        {
            Smooth(e0, final, scratchA, scratchB);
        }

        var users = final.AsSpan(0, _m.Users * _d).ToArray();
        var items = final.AsSpan(_m.Users * _d, _m.Items * _d).ToArray();
        return new EmbeddingModel(name, _m, _d, users, items, bias);
    }

    /// <summary>One partition's BPR gradient w.r.t. the scoring embeddings, into its own zeroed buffer.</summary>
    private (double Loss, long Correct) SampleGradient(float[] final, float[]? bias, float[] buffer, float[] biasBuffer, int samples, float scale, ulong seed)
    {
        Array.Clear(buffer);
        Array.Clear(biasBuffer);
        var rng = new SplitMix64(seed);
        var d = _d;
        var itemBase = _m.Users * d;
        Span<float> diff = stackalloc float[d];
        double loss = 0;
        long correct = 0;
        for (var s = 0; s < samples; s++)
        {
            var edge = rng.Next(_m.Count);
            var user = _edgeUser[edge];
            var positive = _m.UserItems[edge];
            var negative = rng.Next(_m.Items);
            var items = _m.ItemsOf(user);
            for (var tries = 0; tries < 8 && items.BinarySearch(negative) >= 0; tries++)
            {
                negative = rng.Next(_m.Items);
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
        Parallel.For(0, chunks, _parallel, c =>
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
        for (var layer = 0; layer < _o.Layers; layer++)
        {
            Propagate(current, next);
            TensorPrimitives.Add(output, next, output);
            (current, next) = (next, current);
        }

        TensorPrimitives.Multiply(output, 1f / (_o.Layers + 1), output);
    }

    /// <summary>destination = Â source: each row gathers its neighbours' rows weighted 1/sqrt(deg_u·deg_i).</summary>
    private void Propagate(float[] source, float[] destination)
    {
        var d = _d;
        var users = _m.Users;
        Parallel.For(0, _rowChunks.Length, _parallel, c =>
        {
            var (start, end) = _rowChunks[c];
            if (VectorKernels.Supports(d))
            {
                for (var row = start; row < end; row++)
                {
                    var target = destination.AsSpan(row * d, d);
                    if (row < users)
                    {
                        var from = _m.UserOffsets[row];
                        var length = _m.UserOffsets[row + 1] - from;
                        VectorKernels.GatherWeighted(source, _m.UserItems.AsSpan(from, length), users, _userEdgeWeights.AsSpan(from, length), d, target);
                    }
                    else
                    {
                        var item = row - users;
                        var from = _m.ItemOffsets[item];
                        var length = _m.ItemOffsets[item + 1] - from;
                        VectorKernels.GatherWeighted(source, _m.ItemUsers.AsSpan(from, length), 0, _itemEdgeWeights.AsSpan(from, length), d, target);
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
                    for (var k = _m.UserOffsets[row]; k < _m.UserOffsets[row + 1]; k++)
                    {
                        var neighbour = source.AsSpan((users + _m.UserItems[k]) * d, d);
                        TensorPrimitives.MultiplyAdd(neighbour, _userEdgeWeights[k], target, target);
                    }
                }
                else
                {
                    var item = row - users;
                    for (var k = _m.ItemOffsets[item]; k < _m.ItemOffsets[item + 1]; k++)
                    {
                        var neighbour = source.AsSpan(_m.ItemUsers[k] * d, d);
                        TensorPrimitives.MultiplyAdd(neighbour, _itemEdgeWeights[k], target, target);
                    }
                }
            }
        });
    }

    /// <summary>Row ranges with about equal edge counts, so both threads finish together.</summary>
    private (int Start, int End)[] ChunkRowsByWork(int chunks)
    {
        var total = 2L * _m.Count + _rows;
        var per = Math.Max(1, total / chunks);
        var result = new List<(int, int)>();
        var start = 0;
        long work = 0;
        for (var row = 0; row < _rows; row++)
        {
            work += 1 + (row < _m.Users
                ? _m.UserOffsets[row + 1] - _m.UserOffsets[row]
                : _m.ItemOffsets[row - _m.Users + 1] - _m.ItemOffsets[row - _m.Users]);
            if (work >= per)
            {
                result.Add((start, row + 1));
                start = row + 1;
                work = 0;
            }
        }

        if (start < _rows)
        {
            result.Add((start, _rows));
        }

        return result.ToArray();
    }

    /// <summary>Adam (β1 0.9, β2 0.999) with the L2 term added to the gradient.</summary>
    private sealed class Adam(int size, double learningRate)
    {
        private readonly float[] _m = new float[size];
        private readonly float[] _v = new float[size];
        private int _t;

        public void Step(float[] parameters, float[] gradient, float l2, ParallelOptions parallel)
        {
            _t++;
            const float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
            var lr = (float)(learningRate * Math.Sqrt(1 - Math.Pow(beta2, _t)) / (1 - Math.Pow(beta1, _t)));
            var chunk = 1 << 14;
            var chunks = (parameters.Length + chunk - 1) / chunk;
            Parallel.For(0, chunks, parallel, c =>
            {
                var start = c * chunk;
                var end = Math.Min(parameters.Length, start + chunk);
                for (var k = start; k < end; k++)
                {
                    var g = gradient[k] + l2 * parameters[k];
                    _m[k] = beta1 * _m[k] + (1 - beta1) * g;
                    _v[k] = beta2 * _v[k] + (1 - beta2) * g * g;
                    parameters[k] -= lr * _m[k] / (MathF.Sqrt(_v[k]) + epsilon);
                }
            });
        }
    }
}
