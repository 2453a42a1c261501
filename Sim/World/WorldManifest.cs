namespace Botify.Sim.World;

/// <summary>`world.json`: what generated the world and the parameters, so a run can be reproduced and checked.</summary>
public sealed record WorldManifest(
    int Format,
    string Generator,
    WorldOptions Options,
    string TracksFile,
    string ListenersFile,
    string EmbeddingsFile,
    int ArtistSizeMedian,
    double ArtistSizeMean,
    int ArtistSizeMax);
