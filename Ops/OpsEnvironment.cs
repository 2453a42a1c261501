namespace Botify.Ops;

/// <summary>Environment variables the thin scripts and the command share.</summary>
public static class OpsEnvironment
{
    /// <summary>Set by run.sh / cluster.sh / bench.sh after they built the command: the build's duration in seconds, for the build stage's line.</summary>
    public const string BuildSeconds = "BOTIFY_OPS_BUILD_SECONDS";

    /// <summary>Redis of the main job when --redis is not given.</summary>
    public const string Redis = "BOTIFY_REDIS";

    /// <summary>Recommender of the main job's arm T2 (default SessionNeighbours).</summary>
    public const string T2 = "BOTIFY_T2";
}
