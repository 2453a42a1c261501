using Botify.Sim.Commands;
using Botify.Sim.World;

namespace Botify.Ops.Tools;

/// <summary>A simulator world on disk: reused when its tracks.json exists, generated in-process (Sim's generator) otherwise.</summary>
public static class WorldFolder
{
    /// <summary>data/world-N, with the sizes that differ from the generator's defaults in the name (data/world-3-tracks-3000-...).</summary>
    public static string PathFor(RepositoryLayout repo, WorldOptions options)
    {
        var defaults = new WorldOptions();
        var suffix = (options.Tracks != defaults.Tracks ? $"-tracks-{options.Tracks}" : "")
            + (options.Artists != defaults.Artists ? $"-artists-{options.Artists}" : "")
            + (options.Listeners != defaults.Listeners ? $"-listeners-{options.Listeners}" : "");
        return repo.InRoot("data", $"world-{options.Seed}{suffix}");
    }

    /// <summary>Makes sure <paramref name="directory"/> holds a world; says which.</summary>
    public static void Ensure(string directory, WorldOptions options, Action<string> say)
    {
        if (File.Exists(Path.Combine(directory, WorldFiles.Tracks)))
        {
            say($"using the existing world in {directory}");
            return;
        }
        if (WorldCommand.Generate(options, directory) != 0)
            throw new OpsException($"the world could not be generated into {directory} (the reason is above)");
    }
}
