using System.Diagnostics;
using Botify.TestSupport;
using Xunit.Abstractions;

namespace Botify.Security.Tests;

/// <summary>
/// The main job (`Ops run`, what ./run.sh runs) on a small world against a Redis that requires a password given in
/// `BOTIFY_REDIS`: its output, every file it wrote (gateway output, event logs, reports) and the command line of every
/// process it started are searched for the password.
/// </summary>
public sealed class OrchestrationLeakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_main_job_against_a_password_Redis_never_shows_the_password_nor_puts_it_on_a_command_line()
    {
        await using var redis = await SecureRedis.StartAsync();
        var outDir = Directory.CreateTempSubdirectory("botify-security-run-").FullName;
        var clock = Stopwatch.StartNew();
        await using var job = ServiceProcess.Start("ops run", "dotnet",
            [Binaries.Ops, "run", "--no-build", "--seed", "5", "--world-tracks", "1000", "--world-artists", "100", "--world-listeners", "300",
                "--day1-episodes", "600", "--episodes", "400", "--out", outDir],
            new Dictionary<string, string?> { ["BOTIFY_REDIS"] = redis.Configuration }, RepositoryFiles.RepositoryRoot());

        var commandLines = new Dictionary<int, string>();
        while (!job.HasExited && clock.Elapsed < TimeSpan.FromMinutes(8))
        {
            foreach (var pid in Descendants(job.Id))
            {
                if (!commandLines.ContainsKey(pid) && ReadCommandLine(pid) is { } line) commandLines[pid] = line;
            }
            await Task.Delay(300);
        }
        var code = await job.WaitForExitAsync(TimeSpan.FromMinutes(1));
        output.WriteLine($"ops run: exit {code} after {clock.Elapsed.TotalSeconds:F0} s; {commandLines.Count} child processes seen");
        output.WriteLine(job.Stdout.Length > 6000 ? job.Stdout[^6000..] : job.Stdout);
        Assert.True(code == 0, $"ops run failed ({code}):\n{job.Stdout}\n{job.Stderr}");

        var channels = new OutputChannels();
        channels.AddProcess(job);
        channels.AddFolder("run folder", outDir);
        foreach (var (pid, line) in commandLines) channels.Add($"command line of pid {pid}", line);
        Assert.True(channels.Shows("ops run stdout", $"storage: Redis at {redis.Display}"), "the job does not say which Redis it uses");
        Assert.Contains(commandLines.Values, line => line.Contains("Gateway.dll", StringComparison.Ordinal)); // the gateway's command line was read
        var leaks = channels.Find(redis.Password);
        Assert.True(leaks.Count == 0, "the password appears in:\n" + string.Join("\n", leaks));
        try
        {
            Directory.Delete(outDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static List<int> Descendants(int root)
    {
        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.Count > 0)
        {
            var pid = queue.Dequeue();
            var tasks = $"/proc/{pid}/task";
            if (!Directory.Exists(tasks)) continue;
            foreach (var task in Directory.EnumerateDirectories(tasks))
            {
                string children;
                try
                {
                    children = File.ReadAllText(Path.Combine(task, "children"));
                }
                catch (IOException)
                {
                    continue;
                }
                foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var id = int.Parse(child);
                    found.Add(id);
                    queue.Enqueue(id);
                }
            }
        }
        return found;
    }

    private static string? ReadCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
