namespace Botify.Ops.Cluster;

/// <summary>
/// How long the probe users of the killed silo waited: a user whose calls failed or stalled (over 1 s) after the kill lived on it;
/// its window ends with its first 200 after the last such call.
/// </summary>
public sealed record FailoverWindow(int ProbeUsers, IReadOnlyList<double> WindowsSeconds, int FailedCalls)
{
    public static readonly TimeSpan Stall = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Horizon = TimeSpan.FromSeconds(30);

    public static FailoverWindow From(IEnumerable<ProbeCall> calls, long killMs)
    {
        var windows = new List<double>();
        var failures = 0;
        var users = 0;
        foreach (var user in calls.GroupBy(c => c.User))
        {
            users++;
            var ordered = user.OrderBy(c => c.SentMs).ToList();
            var hit = ordered.Where(c => c.DoneMs >= killMs && c.SentMs <= killMs + (long)Horizon.TotalMilliseconds
                && (c.Status != 200 || c.DoneMs - c.SentMs > (long)Stall.TotalMilliseconds)).ToList();
            failures += hit.Count(c => c.Status != 200);
            if (hit.Count == 0) continue;
            var recovered = ordered.FirstOrDefault(c => c.Status == 200 && c.SentMs >= hit[^1].SentMs);
            if (recovered.Status == 200) windows.Add((recovered.DoneMs - killMs) / 1000.0);
        }
        windows.Sort();
        return new FailoverWindow(users, windows, failures);
    }

    public string Describe()
    {
        if (ProbeUsers == 0) return "no probe calls were made";
        if (WindowsSeconds.Count == 0) return $"none of {ProbeUsers} probe users was held up (none lived on the killed silo?)";
        return $"{WindowsSeconds.Count} of {ProbeUsers} probe users lived on the killed silo; their first 200 after the kill came "
            + $"{WindowsSeconds[0]:0.00}..{WindowsSeconds[^1]:0.00} s after it (median {WindowsSeconds[WindowsSeconds.Count / 2]:0.00} s); "
            + $"{FailedCalls} of their calls answered an error";
    }
}
