using System.Text;

namespace Botify.Ops.Processes;

/// <summary>What /proc says about a pid: alive, and still the program it was recorded as.</summary>
public static class ProcessTable
{
    /// <summary>sysconf(_SC_CLK_TCK), the unit of /proc/PID/stat's CPU times: USER_HZ, 100 on every Linux this runs on.</summary>
    private const int ClockTicksPerSecond = 100;

    /// <summary>
    /// True while <paramref name="pid"/> runs a program whose command line contains <paramref name="marker"/>; a recycled pid,
    /// a zombie (empty command line) and a vanished process are all false.
    /// </summary>
    public static bool IsRunning(int pid, string marker)
    {
        try
        {
            var raw = File.ReadAllBytes($"/proc/{pid}/cmdline");
            return raw.Length > 0 && Encoding.UTF8.GetString(raw).Replace('\0', ' ').Contains(marker, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// SIGTERM, then SIGKILL when it is still running after <paramref name="grace"/>. Works for any pid (a process started by an
    /// earlier command, from its pid file); waits by polling /proc with that deadline. Returns how it ended.
    /// </summary>
    public static async Task<StopOutcome> StopAsync(int pid, string marker, TimeSpan grace)
    {
        if (!IsRunning(pid, marker)) return StopOutcome.NotRunning;
        UnixSignal.Send(pid, UnixSignal.Term);
        if (await GoneWithinAsync(pid, marker, grace)) return StopOutcome.Stopped;
        UnixSignal.Send(pid, UnixSignal.Kill);
        await GoneWithinAsync(pid, marker, TimeSpan.FromSeconds(5));
        return StopOutcome.Killed;
    }

    /// <summary>Peak and current resident memory of a process (VmHWM, VmRSS in /proc/PID/status), in bytes.</summary>
    public static (long Peak, long Current) Memory(int pid)
    {
        long peak = 0, current = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line) * 1024;
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) current = Kilobytes(line) * 1024;
        }
        return (peak, current);
    }

    /// <summary>User + system CPU time a process has used so far (/proc/PID/stat fields 14 and 15), or zero when it is gone.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return TimeSpan.Zero;
        }
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]); // fields 14 and 15 of the whole line
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    private static long Kilobytes(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);

    private static async Task<bool> GoneWithinAsync(int pid, string marker, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsRunning(pid, marker))
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(50);
        }
        return true;
    }
}
