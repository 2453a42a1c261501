namespace Botify.Lab.Publishing;

/// <summary>
/// What a `lab publish` run ended with: its exit code (0 published, 1 bad input, 2 Redis failure), the catalog version it made
/// current, how many tracks that version has and one of them (for a first request against the service).
/// </summary>
public sealed record PublishOutcome(int ExitCode, string? Version, int Tracks, int? SampleTrack)
{
    public static PublishOutcome Failed(int exitCode) => new(exitCode, null, 0, null);
}
