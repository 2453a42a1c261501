using Botify.Ops.Processes;

namespace Botify.Ops.Cluster;

/// <summary>DIR/pids/NAME.pid: the pid of each process `up` started, read by down, status and failover-check.</summary>
public sealed class PidFiles(string directory)
{
    public void Write(string name, int pid)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(PathOf(name), pid + "\n");
    }

    public int? Read(string name) =>
        File.Exists(PathOf(name)) && int.TryParse(File.ReadAllText(PathOf(name)).Trim(), out var pid) ? pid : null;

    public void Remove(string name) => File.Delete(PathOf(name));

    /// <summary>The pid of <paramref name="member"/> when it is running (and still that program), else null.</summary>
    public int? Running(ClusterMember member) => Read(member.Name) is { } pid && ProcessTable.IsRunning(pid, member.Marker) ? pid : null;

    /// <summary>Names of every pid file there is (a cluster started with more silos than the current options say is still found).</summary>
    public IEnumerable<string> Names() =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*.pid").Select(Path.GetFileNameWithoutExtension).OfType<string>() : [];

    private string PathOf(string name) => Path.Combine(directory, name + ".pid");
}
