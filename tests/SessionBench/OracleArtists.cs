using Botify.Contracts.Catalog;
using Botify.Sim.World;

namespace Botify.SessionBench;

/// <summary>
/// For orientation only (the service never sees embeddings): similar artists by the world's true
/// embeddings (dot of artist centroids), in the table form SessionNeighbours reads.
/// </summary>
public static class OracleArtists
{
    public static Dictionary<int, (int[] Tracks, float[] Weights)> Table(SimWorld world, TrackCatalog catalog, int size)
    {
        var artists = world.ArtistNames.Length;
        var d = world.Dimension;
        var centroids = new float[artists * d];
        for (var a = 0; a < artists; a++)
        {
            var row = centroids.AsSpan(a * d, d);
            foreach (var t in world.TracksOfArtist[a])
            {
                System.Numerics.Tensors.TensorPrimitives.Add(row, world.Embedding(t), row);
            }
            System.Numerics.Tensors.TensorPrimitives.Divide(row, world.TracksOfArtist[a].Length, row);
        }
        var table = new Dictionary<int, (int[] Tracks, float[] Weights)>();
        var scores = new float[artists];
        var order = new int[artists];
        for (var a = 0; a < artists; a++)
        {
            var me = centroids.AsSpan(a * d, d);
            for (var b = 0; b < artists; b++)
            {
                order[b] = b;
                scores[b] = b == a ? float.NegativeInfinity : -System.Numerics.Tensors.TensorPrimitives.Dot(me, centroids.AsSpan(b * d, d));
            }
            scores[a] = float.PositiveInfinity;
            var keys = (float[])scores.Clone();
            Array.Sort(keys, order);
            var n = Math.Min(size, artists - 1);
            var tracks = new int[n];
            for (var k = 0; k < n; k++) tracks[k] = world.TracksOfArtist[order[k]].Min();
            table[world.TracksOfArtist[a].Min()] = (tracks, new float[n]);
        }
        return table;
    }

    /// <summary>Share of the first <paramref name="k"/> similar artists whose centroid dot with the artist's is above 2 (same genre, roughly).</summary>
    public static double Precision(SimWorld world, TrackCatalog catalog, int[][] similar, int k)
    {
        var centroids = Centroids(world, catalog);
        var d = world.Dimension;
        long hits = 0, total = 0;
        for (var a = 0; a < similar.Length; a++)
        {
            for (var r = 0; r < Math.Min(k, similar[a].Length); r++)
            {
                // Weighted by the artist's tracks: sessions are anchored on artists in proportion to their size.
                var weight = catalog.TracksOfArtist(a).Length;
                total += weight;
                if (System.Numerics.Tensors.TensorPrimitives.Dot(centroids.AsSpan(a * d, d), centroids.AsSpan(similar[a][r] * d, d)) > 2) hits += weight;
            }
        }
        return total == 0 ? 0 : (double)hits / total;
    }

    /// <summary>Mean true embedding per catalog artist.</summary>
    public static float[] Centroids(SimWorld world, TrackCatalog catalog)
    {
        var d = world.Dimension;
        var centroids = new float[catalog.ArtistCount * d];
        for (var a = 0; a < catalog.ArtistCount; a++)
        {
            var row = centroids.AsSpan(a * d, d);
            var tracks = catalog.TracksOfArtist(a);
            foreach (var t in tracks) System.Numerics.Tensors.TensorPrimitives.Add(row, world.Embedding(t), row);
            System.Numerics.Tensors.TensorPrimitives.Divide(row, tracks.Length, row);
        }
        return centroids;
    }
}
