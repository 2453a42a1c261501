using System.Runtime.Intrinsics;

namespace Botify.Sim.World;

/// <summary>
/// Exact top-k tracks by dot product for many queries: tracks are re-laid in tiles of 8 so
/// one vector FMA scores 8 tracks, and 4 queries share each tile load (generation-time hot loop).
/// Ties go to the lower track id; the float sum order is fixed, so results are reproducible.
/// </summary>
public static class NearestTrackSearch
{
    private const int Lanes = 8;
    private const int QueriesPerPass = 4;

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

    private static void ScoreAllTiles(float[] tiles, int blocks, int dimension, int tracks, Vector256<float>[] broadcast, TopList[] tops)
    {
        for (var b = 0; b < blocks; b++)
        {
            var a0 = Vector256<float>.Zero;
            var a1 = Vector256<float>.Zero;
            var a2 = Vector256<float>.Zero;
            var a3 = Vector256<float>.Zero;
            var offset = b * dimension * Lanes;
            for (var d = 0; d < dimension; d++)
            {
                var tile = Vector256.LoadUnsafe(ref tiles[offset + d * Lanes]);
                a0 = Vector256.FusedMultiplyAdd(broadcast[d], tile, a0);
                a1 = Vector256.FusedMultiplyAdd(broadcast[dimension + d], tile, a1);
                a2 = Vector256.FusedMultiplyAdd(broadcast[2 * dimension + d], tile, a2);
                a3 = Vector256.FusedMultiplyAdd(broadcast[3 * dimension + d], tile, a3);
            }
            tops[0].Offer(a0, b * Lanes, tracks);
            tops[1].Offer(a1, b * Lanes, tracks);
            tops[2].Offer(a2, b * Lanes, tracks);
            tops[3].Offer(a3, b * Lanes, tracks);
        }
    }

    /// <summary>The k best (score, id) seen so far, best first.</summary>
    private sealed class TopList(int k)
    {
        private readonly float[] scores = new float[k];
        private readonly int[] ids = new int[k];
        private int count;

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
