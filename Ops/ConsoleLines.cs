using Spectre.Console;

namespace Botify.Ops;

/// <summary>Plain lines on a Spectre console, unwrapped (Spectre wraps its own text at the terminal width; a status line must stay one line).</summary>
public static class ConsoleLines
{
    public static void Line(this IAnsiConsole console, string line = "")
    {
        lock (console) console.Profile.Out.Writer.WriteLine(line);
    }
}
