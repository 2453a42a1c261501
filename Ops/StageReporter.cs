using System.Diagnostics;
using Spectre.Console;

namespace Botify.Ops;

/// <summary>Progress of a long command: "==> 3/7 title" per stage, indented detail lines, "done in N s" and the total.</summary>
public sealed class StageReporter(IAnsiConsole console, int stages)
{
    private readonly Stopwatch total = Stopwatch.StartNew();
    private readonly Stopwatch stage = new();

    public TimeSpan Elapsed => total.Elapsed;

    public void Begin(int number, string title)
    {
        stage.Restart();
        console.Line();
        console.MarkupLine($"[bold]==> {number}/{stages} {Markup.Escape(title)}[/]");
    }

    public void Say(string line) => console.Line("    " + line);

    /// <summary>"done in N s": the stage's own time, or <paramref name="took"/> when the work happened before (the scripts' build).</summary>
    public void Done(TimeSpan? took = null) => console.Line($"    done in {(took ?? stage.Elapsed).TotalSeconds:0}s");
}
