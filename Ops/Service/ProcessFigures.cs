namespace Botify.Ops.Service;

/// <summary>The `process` part of a gateway's `/health`: GC collections per generation, total GC pause, memory, and the
/// co-hosted silo's grain activations (null from a gateway of a cluster, or one older than the figure).</summary>
public sealed record ProcessFigures(
    double UptimeSeconds,
    int[] GcCollections,
    double GcPauseMilliseconds,
    long AllocatedBytes,
    long HeapBytes,
    long WorkingSetBytes,
    long PeakWorkingSetBytes,
    int? Activations = null)
{
    public int TotalCollections
    {
        get
        {
            var total = 0;
            foreach (var count in GcCollections) total += count;
            return total;
        }
    }
}
