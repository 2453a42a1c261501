using System.Numerics.Tensors;

namespace Botify.Lab.Training;

/// <summary>
/// The symmetric-normalised user–track graph Â = D^−½ A D^−½ of LightGCN over node rows (users, then tracks),
/// and its layer mean S = (1/(K+1)) Σ_{l=0..K} Â^l applied to row-major matrices. Â is symmetric, so S is its own
/// transpose: the same call back-propagates a gradient. Each row is computed by one thread: deterministic.
/// </summary>
internal sealed class NormalisedGraph
{
    private readonly InteractionMatrix m;
    private readonly int dims;
    private readonly int layers;
    private readonly float[] userEdgeWeights;
    private readonly float[] itemEdgeWeights;
    private readonly (int Start, int End)[] rowChunks;
    private readonly ParallelOptions parallel;
    private readonly float[] current;
    private readonly float[] next;

    public NormalisedGraph(InteractionMatrix matrix, int dimensions, int layers, ParallelOptions parallel)
    {
        m = matrix;
        dims = dimensions;
        this.layers = layers;
        this.parallel = parallel;
        Rows = matrix.Users + matrix.Items;
        userEdgeWeights = new float[matrix.Count];
        itemEdgeWeights = new float[matrix.Count];
        for (var u = 0; u < matrix.Users; u++)
        {
            for (var k = matrix.UserOffsets[u]; k < matrix.UserOffsets[u + 1]; k++)
            {
                userEdgeWeights[k] = Weight(u, matrix.UserItems[k]);
            }
        }

        for (var i = 0; i < matrix.Items; i++)
        {
            for (var k = matrix.ItemOffsets[i]; k < matrix.ItemOffsets[i + 1]; k++)
            {
                itemEdgeWeights[k] = Weight(matrix.ItemUsers[k], i);
            }
        }

        rowChunks = ChunkRowsByWork(Math.Max(1, parallel.MaxDegreeOfParallelism) * 8);
        current = layers > 0 ? new float[Rows * dims] : [];
        next = layers > 0 ? new float[Rows * dims] : [];
    }

    /// <summary>Users + tracks.</summary>
    public int Rows { get; }

    private float Weight(int user, int item) =>
        (float)(1.0 / Math.Sqrt((double)(m.UserOffsets[user + 1] - m.UserOffsets[user]) * (m.ItemOffsets[item + 1] - m.ItemOffsets[item])));

    /// <summary>output = S input = (1/(K+1)) Σ_{l=0..K} Â^l input.</summary>
    public void LayerMean(float[] input, float[] output)
    {
        input.AsSpan().CopyTo(output);
        if (layers == 0)
        {
            return;
        }

        var (from, to) = (input, next);
        for (var layer = 0; layer < layers; layer++)
        {
            Propagate(from, to);
            TensorPrimitives.Add(output, to, output);
            from = to;
            to = ReferenceEquals(to, next) ? current : next;
        }

        TensorPrimitives.Multiply(output, 1f / (layers + 1), output);
    }

    /// <summary>destination = Â source: each row gathers its neighbours' rows weighted 1/sqrt(deg_u·deg_i).</summary>
    private void Propagate(float[] source, float[] destination)
    {
        Parallel.For(0, rowChunks.Length, parallel, c =>
        {
            var (start, end) = rowChunks[c];
            for (var row = start; row < end; row++)
            {
                var target = destination.AsSpan(row * dims, dims);
                if (row < m.Users)
                {
                    var from = m.UserOffsets[row];
                    var length = m.UserOffsets[row + 1] - from;
                    Gather(source, m.UserItems.AsSpan(from, length), m.Users, userEdgeWeights.AsSpan(from, length), target);
                }
                else
                {
                    var from = m.ItemOffsets[row - m.Users];
                    var length = m.ItemOffsets[row - m.Users + 1] - from;
                    Gather(source, m.ItemUsers.AsSpan(from, length), 0, itemEdgeWeights.AsSpan(from, length), target);
                }
            }
        });
    }

    private void Gather(float[] source, ReadOnlySpan<int> neighbours, int offset, ReadOnlySpan<float> weights, Span<float> target)
    {
        if (VectorKernels.Supports(dims))
        {
            VectorKernels.GatherWeighted(source, neighbours, offset, weights, dims, target);
            return;
        }

        target.Clear();
        for (var k = 0; k < neighbours.Length; k++)
        {
            TensorPrimitives.MultiplyAdd(source.AsSpan((offset + neighbours[k]) * dims, dims), weights[k], target, target);
        }
    }

    /// <summary>Row ranges with about equal edge counts, so the threads finish together.</summary>
    private (int Start, int End)[] ChunkRowsByWork(int chunks)
    {
        var total = 2L * m.Count + Rows;
        var per = Math.Max(1, total / chunks);
        var result = new List<(int, int)>();
        var start = 0;
        long work = 0;
        for (var row = 0; row < Rows; row++)
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

        if (start < Rows)
        {
            result.Add((start, Rows));
        }

        return result.ToArray();
    }
}
