namespace Botify.Ops.Processes;

/// <summary>
/// The processes one command started and still owns. Disposing stops every one still running, newest first
/// (SIGTERM, SIGKILL after the grace time): on the normal end, on an error and on Ctrl-C alike.
/// </summary>
public sealed class ProcessSet(TimeSpan grace) : IAsyncDisposable
{
    private readonly List<ChildProcess> running = [];

    public TimeSpan Grace { get; } = grace;

    public ChildProcess Start(ProcessSpec spec)
    {
        var child = ChildProcess.Start(spec);
        lock (running) running.Add(child);
        return child;
    }

    /// <summary>Stops one process now and forgets it.</summary>
    public async Task<StopOutcome> StopAsync(ChildProcess child, TimeSpan? grace = null)
    {
        lock (running) running.Remove(child);
        return await child.StopAsync(grace ?? Grace);
    }

    /// <summary>Lets every process run on after this set is disposed (cluster up, once the cluster serves).</summary>
    public void Release()
    {
        lock (running) running.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        ChildProcess[] left;
        lock (running)
        {
            left = [.. running];
            running.Clear();
        }

        for (var i = left.Length - 1; i >= 0; i--)
        {
            if (await left[i].StopAsync(Grace) == StopOutcome.Killed)
                Console.Error.WriteLine($"    {left[i].Name} (pid {left[i].Pid}) did not stop within {Grace.TotalSeconds:0} s of SIGTERM: killed");
        }
    }
}
