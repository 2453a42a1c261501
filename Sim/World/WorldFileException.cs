namespace Botify.Sim.World;

/// <summary>A world folder that cannot be read; the message names the file and the fix.</summary>
public sealed class WorldFileException(string message) : Exception(message);
