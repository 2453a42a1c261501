using Botify.Sim.World;

namespace Botify.Sim.Tests;

/// <summary>Small worlds for tests that do not need the full calibrated size.</summary>
public static class TestWorlds
{
    public static WorldOptions Small(long seed = 5) => new()
    {
        Seed = seed,
        Tracks = 3_000,
        Artists = 300,
        Genres = 12,
        Listeners = 400,
    };

    private static readonly Lazy<SimWorld> SharedSmall = new(() => WorldGenerator.Generate(Small()));

    public static SimWorld SmallWorld => SharedSmall.Value;

    private static readonly Lazy<SimWorld> SharedDefault = new(() => WorldGenerator.Generate(new WorldOptions()));

    /// <summary>The full-size default world (seed 42), generated once per test run.</summary>
    public static SimWorld DefaultWorld => SharedDefault.Value;

    public static string TempFolder(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "botify-sim-tests", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
