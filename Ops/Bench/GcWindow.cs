using Botify.Ops.Service;

namespace Botify.Ops.Bench;

/// <summary>The GC's share of a window from two readings of a gateway's `/health` process figures.</summary>
public static class GcWindow
{
    public static (double? PausePercent, int? Collections) Between(ProcessFigures? before, ProcessFigures? after)
    {
        if (before is null || after is null) return (null, null);
        var wallMs = (after.UptimeSeconds - before.UptimeSeconds) * 1000;
        var pause = after.GcPauseMilliseconds - before.GcPauseMilliseconds;
        return (wallMs > 0 ? 100 * pause / wallMs : 0, after.TotalCollections - before.TotalCollections);
    }
}
