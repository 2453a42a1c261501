using System.Diagnostics;

namespace Botify.Gateway;

/// <summary>
/// The `process` part of `GET /health`: garbage collections per generation, their total pause, bytes
/// allocated and memory in use since the process started. Two readings a known time apart give the
/// GC's share of a load window (bench.sh reports it next to p99 latency). <c>Activations</c>: user-grain activations of the
/// co-hosted silo (its own count, see <see cref="Botify.Hosting.ActivationGauge"/>); null for a gateway of a cluster.
/// </summary>
public sealed record ProcessStats(
    double UptimeSeconds,
    int[] GcCollections,
    double GcPauseMilliseconds,
    long AllocatedBytes,
    long HeapBytes,
    long WorkingSetBytes,
    long PeakWorkingSetBytes,
    int? Activations)
{
    private static readonly DateTime Started = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    /// <summary>A reading of the current process.</summary>
    public static ProcessStats Now(int? activations)
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessStats(
            (DateTime.UtcNow - Started).TotalSeconds,
            [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)],
            GC.GetTotalPauseDuration().TotalMilliseconds,
            GC.GetTotalAllocatedBytes(),
            GC.GetGCMemoryInfo().HeapSizeBytes,
            process.WorkingSet64,
            process.PeakWorkingSet64,
            activations);
    }
}
