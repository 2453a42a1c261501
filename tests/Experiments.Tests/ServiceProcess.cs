using System.Diagnostics;

namespace Botify.Experiments.Tests;

/// <summary>A built service program (Silo.dll, Gateway.dll) run as its own process, output to a file; killed hard on demand or at dispose.</summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process process;

    private ServiceProcess(Process process, string name, string output)
    {
        this.process = process;
        Name = name;
        OutputFile = output;
    }

    public string Name { get; }

    public string OutputFile { get; }

    public static ServiceProcess Start(string project, string name, string folder, params string[] args)
    {
        var dll = Path.Combine(TestSupport.RepositoryFiles.RepositoryRoot(), project, "bin", "Release", "net10.0", project + ".dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution in Release first (./test.sh does)");
        var output = Path.Combine(folder, name + ".out");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_gcServer"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        var writer = new StreamWriter(output) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(process, name, output);
    }

    /// <summary>SIGKILL: no graceful stop, no grain deactivation (what a crashed machine does).</summary>
    public void Kill()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    public bool HasExited => process.HasExited;

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
