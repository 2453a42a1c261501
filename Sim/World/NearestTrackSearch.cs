using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Botify.Sim.World;

/// <summary>
/// Exact top-k tracks by dot product for many queries: tracks are re-laid in tiles of 8 so
/// one vector FMA scores 8 tracks, and 8 queries share each tile load (generation-time hot loop).
/// Ties go to the lower track id; the float sum order is fixed, so results are reproducible.
/// </summary>
public static class NearestTrackSearch
{
    private const int Lanes = 8;
    private const int QueriesPerPass = 8;

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

        var result = new int[queryCount][];
        var passes = (queryCount + QueriesPerPass - 1) / QueriesPerPass;
        Parallel.For(0, passes, pass =>
        {
            var broadcast = new Vector256<float>[QueriesPerPass * dimension];
            var tops = new TopList[QueriesPerPass];
            for (var j = 0; j < QueriesPerPass; j++)
            {
                tops[j] = new TopList(k);
                var q = pass * QueriesPerPass + j;
                for (var d = 0; d < dimension; d++)
                    broadcast[j * dimension + d] = Vector256.Create(q < queryCount ? queries[q * dimension + d] : 0f);
            }
            ScoreAllTiles(tiles, blocks, dimension, tracks, broadcast, tops);
            for (var j = 0; j < QueriesPerPass; j++)
            {
                var q = pass * QueriesPerPass + j;
                if (q < queryCount) result[q] = tops[j].Ids();
            }
        });
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ScoreAllTiles(float[] tiles, int blocks, int dimension, int tracks, Vector256<float>[] broadcast, TopList[] tops)
    {
        ref var tileBase = ref MemoryMarshal.GetArrayDataReference(tiles);
        ref var q0 = ref MemoryMarshal.GetArrayDataReference(broadcast);
        ref var q1 = ref Unsafe.Add(ref q0, dimension);
        ref var q2 = ref Unsafe.Add(ref q0, 2 * dimension);
        ref var q3 = ref Unsafe.Add(ref q0, 3 * dimension);
        ref var q4 = ref Unsafe.Add(ref q0, 4 * dimension);
        ref var q5 = ref Unsafe.Add(ref q0, 5 * dimension);
        ref var q6 = ref Unsafe.Add(ref q0, 6 * dimension);
        ref var q7 = ref Unsafe.Add(ref q0, 7 * dimension);
        for (var b = 0; b < blocks; b++)
        {
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
            ref var tile = ref Unsafe.Add(ref tileBase, (nint)b * dimension * Lanes);
            for (var d = 0; d < dimension; d++)
            {
                var t = Vector256.LoadUnsafe(ref tile, (nuint)(d * Lanes));
                a0 = Vector256.FusedMultiplyAdd(Unsafe.Add(ref q0, d), t, a0);
                a1 = Vector256.FusedMultiplyAdd(Unsafe.Add(ref q1, d), t, a1);
                a2 = Vector256.FusedMultiplyAdd(Unsafe.Add(ref q2, d), t, a2);
                a3 = Vector256.FusedMultiplyAdd(Unsafe.Add(ref q3, d), t, a3);
                a4 = Vector256.FusedMultiplyAdd(Unsafe.Add(ref q4, d), t, a4);
                a5 = Vector256.FusedMultiplyAdd(Unsafe.Add(ref q5, d), t, a5);
                a6 = Vector256.FusedMultiplyAdd(Unsafe.Add(ref q6, d), t, a6);
                a7 = Vector256.FusedMultiplyAdd(Unsafe.Add(ref q7, d), t, a7);
            }
            var first = b * Lanes;
            tops[0].Offer(a0, first, tracks);
            tops[1].Offer(a1, first, tracks);
            tops[2].Offer(a2, first, tracks);
            tops[3].Offer(a3, first, tracks);
            tops[4].Offer(a4, first, tracks);
            tops[5].Offer(a5, first, tracks);
            tops[6].Offer(a6, first, tracks);
            tops[7].Offer(a7, first, tracks);
        }
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
