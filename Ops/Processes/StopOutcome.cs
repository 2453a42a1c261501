namespace Botify.Ops.Processes;

/// <summary>How a stop ended: it was not running, it stopped on SIGTERM within the grace time, or it had to be killed.</summary>
public enum StopOutcome
{
    NotRunning,
    Stopped,
    Killed,
}
