using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Botify.Sim.World;

/// <summary>
/// Exact top-k tracks by dot product for many queries (the generation-time hot loop): tracks are
/// re-laid in tiles of 8 so one vector FMA scores 8 tracks, 8 queries share each tile load, and
/// tracks are taken in cache-sized chunks against a whole group of queries. Ties go to the lower
/// track id; each track's sum is the same FMA chain in dimension order, so results are reproducible.
/// </summary>
public static class NearestTrackSearch
{
    private const int Lanes = 8;
    private const int QueriesPerPass = 8;
    private const int BlocksPerChunk = 256;   // 2,048 tracks × 64 floats = 512 KB: stays in L2 across a group's passes
    private const int PassesPerGroup = 32;    // 256 queries per parallel work item

    /// <summary>For each query vector (row-major, <paramref name="dimension"/> floats each) the k best track ids, best first.</summary>
    public static int[][] TopK(float[] embeddings, int tracks, int dimension, float[] queries, int k)
    {
        var queryCount = queries.Length / dimension;
        var blocks = (tracks + Lanes - 1) / Lanes;
        var tiles = new float[blocks * dimension * Lanes];
        for (var t = 0; t < tracks; t++)
        {
            var tileOffset = (t / Lanes) * dimension * Lanes + t % Lanes;
            for (var d = 0; d < dimension; d++) tiles[tileOffset + d * Lanes] = embeddings[t * dimension + d];
        }
        var passes = (queryCount + QueriesPerPass - 1) / QueriesPerPass;
        var padded = new float[passes * QueriesPerPass * dimension];
        Array.Copy(queries, padded, queryCount * dimension);

        var result = new int[queryCount][];
        var groups = (passes + PassesPerGroup - 1) / PassesPerGroup;
        Parallel.For(0, groups, group =>
        {
            var firstPass = group * PassesPerGroup;
            var lastPass = Math.Min(passes, firstPass + PassesPerGroup);
            var tops = new TopList[(lastPass - firstPass) * QueriesPerPass];
            for (var i = 0; i < tops.Length; i++) tops[i] = new TopList(k);
            for (var chunk = 0; chunk < blocks; chunk += BlocksPerChunk)
            {
                var chunkEnd = Math.Min(blocks, chunk + BlocksPerChunk);
                for (var pass = firstPass; pass < lastPass; pass++)
                    ScoreTiles(tiles, chunk, chunkEnd, dimension, tracks, padded, pass * QueriesPerPass, tops, (pass - firstPass) * QueriesPerPass);
            }
            for (var i = 0; i < tops.Length; i++)
            {
                var q = firstPass * QueriesPerPass + i;
                if (q < queryCount) result[q] = tops[i].Ids();
            }
        });
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScoreTiles(float[] tiles, int firstBlock, int endBlock, int dimension, int tracks, float[] queries, int firstQuery,
        TopList[] tops, int firstTop)
    {
        Span<Vector256<float>> scores = stackalloc Vector256<float>[QueriesPerPass];
        ref var tileBase = ref MemoryMarshal.GetArrayDataReference(tiles);
        ref var query = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(queries), (nint)firstQuery * dimension);
        for (var b = firstBlock; b < endBlock; b++)
        {
            Score(ref Unsafe.Add(ref tileBase, (nint)b * dimension * Lanes), ref query, dimension, scores);
            var first = b * Lanes;
            for (var j = 0; j < QueriesPerPass; j++) tops[firstTop + j].Offer(scores[j], first, tracks);
        }
    }

    /// <summary>8 queries × one tile of 8 tracks; no calls inside, so the 8 accumulators stay in registers.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Score(ref float tile, ref float q0, int dimension, Span<Vector256<float>> scores)
    {
        ref var q1 = ref Unsafe.Add(ref q0, dimension);
        ref var q2 = ref Unsafe.Add(ref q0, 2 * dimension);
        ref var q3 = ref Unsafe.Add(ref q0, 3 * dimension);
        ref var q4 = ref Unsafe.Add(ref q0, 4 * dimension);
        ref var q5 = ref Unsafe.Add(ref q0, 5 * dimension);
        ref var q6 = ref Unsafe.Add(ref q0, 6 * dimension);
        ref var q7 = ref Unsafe.Add(ref q0, 7 * dimension);
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (var d = 0; d < dimension; d++)
        {
            var t = Vector256.LoadUnsafe(ref tile, (nuint)(d * Lanes));
            a0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q0, d)), t, a0);
            a1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q1, d)), t, a1);
            a2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q2, d)), t, a2);
            a3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q3, d)), t, a3);
            a4 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q4, d)), t, a4);
            a5 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q5, d)), t, a5);
            a6 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q6, d)), t, a6);
            a7 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref q7, d)), t, a7);
        }
        scores[0] = a0;
        scores[1] = a1;
        scores[2] = a2;
        scores[3] = a3;
        scores[4] = a4;
        scores[5] = a5;
        scores[6] = a6;
        scores[7] = a7;
    }

    /// <summary>The k best (score, id) seen so far, best first.</summary>
    private sealed class TopList(int k)
    {
        private readonly float[] scores = new float[k];
        private readonly int[] ids = new int[k];
        private int count;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Offer(Vector256<float> lanes, int firstId, int tracks)
        {
            var threshold = count < k ? float.NegativeInfinity : scores[k - 1];
            if (!Vector256.GreaterThanAny(lanes, Vector256.Create(threshold))) return;
            for (var lane = 0; lane < Lanes; lane++)
            {
                var id = firstId + lane;
                if (id >= tracks) break;
                var score = lanes.GetElement(lane);
                if (count == k && !(score > scores[k - 1])) continue;
                var i = count < k ? count++ : k - 1;
                while (i > 0 && scores[i - 1] < score)
                {
                    scores[i] = scores[i - 1];
                    ids[i] = ids[i - 1];
                    i--;
                }
                scores[i] = score;
                ids[i] = id;
            }
        }

        public int[] Ids() => ids[..count];
    }
}
