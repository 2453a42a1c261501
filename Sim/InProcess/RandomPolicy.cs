using Botify.Sim.Randomness;

namespace Botify.Sim.InProcess;

/// <summary>Uniform random track of the catalog (the service's Random).</summary>
public sealed class RandomPolicy(int trackCount) : ITrackPolicy
{
    public string Name => "random";

    public int Next(int user, int previousTrack, RandomStream rng) => rng.NextInt(trackCount);
}
