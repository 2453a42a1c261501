using System.Runtime.InteropServices;

namespace Botify.Ops.Processes;

/// <summary>kill(2): .NET can only SIGKILL a process, a graceful stop needs SIGTERM.</summary>
public static class UnixSignal
{
    public const int Term = 15;
    public const int Kill = 9;

    /// <summary>Sends <paramref name="signal"/>; false when the process is already gone.</summary>
    public static bool Send(int pid, int signal) => kill(pid, signal) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
