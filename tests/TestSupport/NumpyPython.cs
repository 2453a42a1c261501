using System.Diagnostics;

namespace Botify.TestSupport;

/// <summary>
/// Debian's python3 with NumPy and pandas (apt: python3-numpy, python3-pandas; ./test.sh installs them), for tests whose
/// files are meant for Python: the real consumers read them. /usr/bin/python3 is tried first because a python3 earlier
/// on PATH (pyenv, a virtualenv) may not see Debian's packages.
/// </summary>
public static class NumpyPython
{
    private static readonly string[] Candidates = ["/usr/bin/python3", "python3"];

    private static readonly Lazy<string> Found = new(Find);

    /// <summary>The interpreter that imports numpy and pandas; throws saying how to install them when none does.</summary>
    public static string Interpreter => Found.Value;

    /// <summary>Runs a script file with arguments; returns its standard output, throws with its standard error when it fails.</summary>
    public static string Run(string script, params string[] arguments)
    {
        var (code, output, error) = Execute(Interpreter, [script, .. arguments], TimeSpan.FromMinutes(5));
        if (code != 0) throw new InvalidOperationException($"{Path.GetFileName(script)} exited with {code}:\n{error}\n{output}");
        return output;
    }

    private static string Find()
    {
        foreach (var candidate in Candidates)
        {
            try
            {
                if (Execute(candidate, ["-c", "import numpy, pandas"], TimeSpan.FromMinutes(1)).Code == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed under this name
            }
        }
        throw new InvalidOperationException(
            "no python3 that imports numpy and pandas: ./test.sh installs python3-numpy and python3-pandas through apt " +
            "(or: apt-get install python3-numpy python3-pandas)");
    }

    private static (int Code, string Output, string Error) Execute(string file, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:0} s");
        }
        return (process.ExitCode, output.Result, error.Result);
    }
}
