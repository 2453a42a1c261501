using Botify.Ops.Processes;

namespace Botify.Ops.Service;

/// <summary>
/// Waits for a condition with a deadline: the probe is tried at once and then every <see cref="Interval"/>; the wait ends early,
/// with the end of its output, when the process that should become ready exits.
/// </summary>
public static class Readiness
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Returns when <paramref name="probe"/> is true; throws <see cref="OpsException"/> at the deadline or when <paramref name="process"/> exits.
    /// </summary>
    public static async Task WaitAsync(string what, TimeSpan timeout, Func<CancellationToken, Task<bool>> probe, ChildProcess? process,
        CancellationToken cancellation, Func<string>? lastSeen = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (await probe(cancellation)) return;
            if (process is { HasExited: true })
                throw new OpsException(
                    $"{process.Name} exited (code {process.ExitCode}) before {what}; the end of its output ({process.Spec.LogPath}):\n{process.Tail()}");
            if (DateTime.UtcNow >= deadline)
                throw new OpsException($"{what} did not happen within {timeout.TotalSeconds:0} s" + (lastSeen is null ? "" : $" (last seen: {lastSeen()})")
                    + (process is null ? "" : $"; see {process.Spec.LogPath}"));
            if (process is null) await Task.Delay(Interval, cancellation);
            else await Task.WhenAny(process.WaitForExitAsync(cancellation), Task.Delay(Interval, cancellation));
        }
    }
}
