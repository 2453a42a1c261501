using Botify.Sim.Randomness;

namespace Botify.Sim.InProcess;

/// <summary>A recommender played in-process (calibration, tests): the next track after the previous one.</summary>
public interface ITrackPolicy
{
    string Name { get; }
    int Next(int user, int previousTrack, RandomStream rng);
}
