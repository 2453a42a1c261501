using Botify.Sim.Randomness;
using Botify.Sim.World;

namespace Botify.Sim.InProcess;

/// <summary>Uniform random track of the previous track's artist (the service's StickyArtist).</summary>
public sealed class StickyArtistPolicy(SimWorld world) : ITrackPolicy
{
    public string Name => "sticky-artist";

    public int Next(int user, int previousTrack, RandomStream rng)
    {
        var tracks = world.TracksOfArtist[world.ArtistOfTrack[previousTrack]];
        return tracks[rng.NextInt(tracks.Length)];
    }
}
