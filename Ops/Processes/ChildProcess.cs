using System.Diagnostics;

namespace Botify.Ops.Processes;

/// <summary>
/// A process this command started. Its standard output and error go straight to <see cref="ProcessSpec.LogPath"/> (appended),
/// through a one-line `sh -c exec` trampoline, so nothing depends on this command reading a pipe and a detached child keeps
/// logging after the command exits. The pid is the program's own (exec keeps it).
/// </summary>
public sealed class ChildProcess
{
    // $1 = log file, the rest = the program and its arguments; exec keeps the pid, setsid (detached) too when not a group leader.
    private const string Trampoline = "log=$1; shift; exec \"$@\" >>\"$log\" 2>&1 </dev/null";

    private readonly Process process;

    private ChildProcess(ProcessSpec spec, Process process)
    {
        Spec = spec;
        this.process = process;
        Pid = process.Id;
    }

    public ProcessSpec Spec { get; }

    public string Name => Spec.Name;

    public int Pid { get; }

    public bool HasExited => process.HasExited;

    /// <summary>Exit code once it has exited, else null.</summary>
    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    public static ChildProcess Start(ProcessSpec spec)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(spec.LogPath))!);
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Trampoline);
        start.ArgumentList.Add("botify-ops");
        start.ArgumentList.Add(spec.LogPath);
        if (spec.Detached) start.ArgumentList.Add("setsid");
        start.ArgumentList.Add(spec.FileName);
        foreach (var argument in spec.Arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in spec.Environment)
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }

        try
        {
            return new ChildProcess(spec, Process.Start(start) ?? throw new OpsException($"{spec.Name}: could not start {spec.CommandLine}"));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new OpsException($"{spec.Name}: could not start {spec.CommandLine} ({e.Message})");
        }
    }

    public Task WaitForExitAsync(CancellationToken cancellation = default) => process.WaitForExitAsync(cancellation);

    /// <summary>True when it exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM (a graceful stop: the gateway drains its event log, a silo deactivates its grains), SIGKILL after <paramref name="grace"/>.</summary>
    public async Task<StopOutcome> StopAsync(TimeSpan grace)
    {
        if (process.HasExited) return StopOutcome.NotRunning;
        UnixSignal.Send(Pid, UnixSignal.Term);
        if (await WaitForExitAsync(grace)) return StopOutcome.Stopped;
        process.Kill(entireProcessTree: true);
        await WaitForExitAsync(TimeSpan.FromSeconds(5));
        return StopOutcome.Killed;
    }

    /// <summary>The last lines of its output, for a message that says why it stopped.</summary>
    public string Tail(int lines = 20) => LogTail.Read(Spec.LogPath, lines);
}
