namespace Botify.Sim.World;

/// <summary>A <c>.npy</c> file the simulator cannot use; the message names the file, what it holds and how to save it right.</summary>
public sealed class NpyFormatException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string Path { get; } = path;
}
