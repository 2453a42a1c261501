namespace Botify.Ops.Tools;

/// <summary>"2 cores, AMD EPYC, 24105 MB RAM, load average 4.61 3.78 2.15": the machine a benchmark ran on, from /proc.</summary>
public static class MachineDescription
{
    public static string Now()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            ?? "unknown CPU";
        var memory = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] is { } kb ? long.Parse(kb) / 1024 : 0;
        return $"{Environment.ProcessorCount} cores, {cpu}, {memory} MB RAM, load average {LoadAverage(3)}";
    }

    /// <summary>The first <paramref name="fields"/> load averages of /proc/loadavg.</summary>
    public static string LoadAverage(int fields = 1) => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(fields));
}
