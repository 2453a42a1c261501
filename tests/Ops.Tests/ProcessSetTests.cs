using Botify.Ops.Processes;

namespace Botify.Ops.Tests;

public sealed class ProcessSetTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("botify-ops-proc-").FullName;

    [Fact]
    public async Task Disposing_stops_every_process_it_started_with_SIGTERM()
    {
        ChildProcess sleeper;
        await using (var set = new ProcessSet(TimeSpan.FromSeconds(5)))
        {
            sleeper = set.Start(Shell("sleeper", "echo started; exec sleep 60"));
            await WaitForLogAsync(sleeper, "started");
            Assert.True(ProcessTable.IsRunning(sleeper.Pid, "sleep"));
        }

        Assert.True(sleeper.HasExited);
        Assert.Equal(143, sleeper.ExitCode); // 128 + SIGTERM
        Assert.False(ProcessTable.IsRunning(sleeper.Pid, "sleep"));
    }

    [Fact]
    public async Task A_process_that_ignores_SIGTERM_is_killed_after_the_grace_time()
    {
        var set = new ProcessSet(TimeSpan.FromMilliseconds(500));
        var stubborn = set.Start(Shell("stubborn", "trap '' TERM; echo started; while :; do sleep 0.05; done"));
        await WaitForLogAsync(stubborn, "started");

        var outcome = await set.StopAsync(stubborn);

        Assert.Equal(StopOutcome.Killed, outcome);
        Assert.True(stubborn.HasExited);
        await set.DisposeAsync();
    }

    [Fact]
    public async Task Output_goes_to_the_log_file_and_the_pid_is_the_program_itself()
    {
        await using var set = new ProcessSet(TimeSpan.FromSeconds(5));
        var child = set.Start(new ProcessSpec("echo", "/bin/sh", ["-c", "echo out; echo err >&2; echo pid $$"], Path.Combine(folder, "echo.log"), "sh"));

        Assert.True(await child.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        var log = await File.ReadAllTextAsync(child.Spec.LogPath);
        Assert.Contains("out", log);
        Assert.Contains("err", log);
        Assert.Contains($"pid {child.Pid}", log); // exec in the trampoline keeps the pid
    }

    [Fact]
    public async Task Stopping_by_pid_leaves_a_pid_that_names_another_program_alone()
    {
        await using var set = new ProcessSet(TimeSpan.FromSeconds(5));
        var sleeper = set.Start(Shell("sleeper", "echo started; exec sleep 60"));
        await WaitForLogAsync(sleeper, "started");

        Assert.Equal(StopOutcome.NotRunning, await ProcessTable.StopAsync(sleeper.Pid, "Gateway.dll", TimeSpan.FromSeconds(1)));
        Assert.False(sleeper.HasExited);
        Assert.Equal(StopOutcome.Stopped, await ProcessTable.StopAsync(sleeper.Pid, "sleep", TimeSpan.FromSeconds(5)));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private ProcessSpec Shell(string name, string script) => new(name, "/bin/sh", ["-c", script], Path.Combine(folder, name + ".log"), "sh");

    private static async Task WaitForLogAsync(ChildProcess child, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(File.Exists(child.Spec.LogPath) && (await File.ReadAllTextAsync(child.Spec.LogPath)).Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{child.Name} did not print '{text}' within 10 s");
            await Task.Delay(20);
        }
    }
}
