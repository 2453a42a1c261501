namespace Botify.Ops.Service;

/// <summary>The `process` part of a gateway's `/health`: GC collections per generation, total GC pause, memory.</summary>
public sealed record ProcessFigures(
    double UptimeSeconds,
    int[] GcCollections,
    double GcPauseMilliseconds,
    long AllocatedBytes,
    long HeapBytes,
    long WorkingSetBytes,
    long PeakWorkingSetBytes)
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
