using System.Numerics.Tensors;

namespace Botify.Sim.World;

/// <summary>A loaded or generated world: catalog, hidden embeddings (row-major float32) and listeners.</summary>
public sealed class SimWorld
{
    public SimWorld(WorldOptions options, string[] artistNames, int[] artistOfTrack, string[] titles, float[] embeddings, ListenerProfile[] listeners)
    {
        Options = options;
        ArtistNames = artistNames;
        ArtistOfTrack = artistOfTrack;
        Titles = titles;
        Embeddings = embeddings;
        Listeners = listeners;
        Dimension = options.Dimension;
        TracksOfArtist = GroupTracksByArtist(artistOfTrack, artistNames.Length);
    }

    public WorldOptions Options { get; }
    public int TrackCount => ArtistOfTrack.Length;
    public int Dimension { get; }
    public string[] ArtistNames { get; }
    public int[] ArtistOfTrack { get; }
    public string[] Titles { get; }
    public int[][] TracksOfArtist { get; }
    public float[] Embeddings { get; }
    public ListenerProfile[] Listeners { get; }

    public ReadOnlySpan<float> Embedding(int track) => new(Embeddings, track * Dimension, Dimension);

    public float Dot(int track, ReadOnlySpan<float> taste) => TensorPrimitives.Dot(Embedding(track), taste);

    private static int[][] GroupTracksByArtist(int[] artistOfTrack, int artists)
    {
        var counts = new int[artists];
        foreach (var artist in artistOfTrack) counts[artist]++;
        var groups = new int[artists][];
        for (var a = 0; a < artists; a++) groups[a] = new int[counts[a]];
        Array.Clear(counts);
        for (var track = 0; track < artistOfTrack.Length; track++)
        {
            var artist = artistOfTrack[track];
            groups[artist][counts[artist]++] = track;
        }
        return groups;
    }
}
