namespace Botify.Ops;

/// <summary>A problem the command reports as one message (what failed, where to look, what to do) and exit code 1.</summary>
public sealed class OpsException(string message) : Exception(message);
