using System.CommandLine;
using System.Diagnostics;
using Botify.Contracts.EventLog;
using Botify.Lab.Analysis;
using Botify.Lab.Reports;
using Spectre.Console;

namespace Botify.Lab;

/// <summary>`lab ab`: A/B analysis of an experiment in the event logs → terminal table, ab.md, ab.csv, ab.png.</summary>
public static class AbCommand
{
    public static Command Create()
    {
        var logs = new Option<string>("--logs")
        {
            Description = "Folder of event-log files, searched recursively: *.jsonl and the reference layout's data.json, data.json.N " +
                          "(several gateways, rotated files, mixed)",
            Required = true,
        };
        var experiment = new Option<string>("--experiment") { Description = "Experiment name as in the events' \"experiments\" object", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for ab.md, ab.csv and ab.png", DefaultValueFactory = _ => "ab-report" };
        var control = new Option<string>("--control") { Description = "Control arm", DefaultValueFactory = _ => "C" };
        var confidence = new Option<double>("--confidence") { Description = "Confidence level of the Welch intervals", DefaultValueFactory = _ => 0.95 };
        var sessionCap = new Option<int>("--session-cap")
        {
            Description = "The simulator's cap on recommendations per session: sessions that " +
            "reached it are counted per arm",
            DefaultValueFactory = _ => AbAnalysis.DefaultCappedSessionTracks - 1
        };

        var command = new Command("ab", "A/B analysis (SIM_AND_AB.md): user-level metrics per arm, Welch intervals vs control; writes ab.md, ab.csv, ab.png");
        command.Options.Add(logs);
        command.Options.Add(experiment);
        command.Options.Add(output);
        command.Options.Add(control);
        command.Options.Add(confidence);
        command.Options.Add(sessionCap);
        command.SetAction(parse => Run(
            parse.GetValue(logs)!, parse.GetValue(experiment)!, parse.GetValue(output)!, parse.GetValue(control)!, parse.GetValue(confidence),
            parse.GetValue(sessionCap)));
        return command;
    }

    public static int Run(string logs, string experiment, string output, string control, double confidence,
        int sessionCap = AbAnalysis.DefaultCappedSessionTracks - 1) =>
        Report(logs, experiment, output, control, confidence, sessionCap, AnsiConsole.Console, Console.Error) is null ? 2 : 0;

    /// <summary>
    /// The whole of `lab ab`: reads the log, analyses, prints the table and summary on <paramref name="console"/> and writes
    /// ab.md, ab.csv and ab.png into <paramref name="output"/>. Returns the report, or null after naming the problem on <paramref name="errors"/>.
    /// </summary>
    public static AbReport? Report(string logs, string experiment, string output, string control, double confidence, int sessionCap,
        IAnsiConsole console, TextWriter errors)
    {
        if (sessionCap < 1)
        {
            errors.WriteLine($"ab: --session-cap {sessionCap} must be 1 or more (the simulator's --max-steps, default 500).");
            return null;
        }

        if (!(confidence > 0 && confidence < 1))
        {
            errors.WriteLine($"ab: --confidence {confidence} must be between 0 and 1 (e.g. 0.95).");
            return null;
        }

        var watch = Stopwatch.StartNew();
        EventLogFolder log;
        try
        {
            log = EventLogReader.Read(logs);
        }
        catch (EventLogException ex)
        {
            errors.WriteLine($"ab: {ex.Message}");
            return null;
        }

        console.WriteLine($"ab: {log.Summary()} in {watch.Elapsed.TotalSeconds:0.0} s");

        AbReport report;
        try
        {
            report = AbAnalysis.Analyse(log.Events, experiment, control, confidence, sessionCap + 1);
        }
        catch (UnknownExperimentException ex)
        {
            errors.WriteLine($"ab: {ex.Message}");
            return null;
        }

        if (Console.IsOutputRedirected && AnsiConsole.Profile.Width < 120)
        {
            AnsiConsole.Profile.Width = 120; // logs and CI capture: keep one row per line
        }

        AbTerminalTable.Write(console, report);

        var markdown = Path.Combine(output, "ab.md");
        var csv = Path.Combine(output, "ab.csv");
        var png = Path.Combine(output, "ab.png");
        try
        {
            Directory.CreateDirectory(output);
            File.WriteAllText(markdown, AbMarkdownWriter.Render(report));
            File.WriteAllText(csv, AbCsvWriter.Render(report));
            AbChart.Save(report, png);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"ab: cannot write the report into --out {output}: {ex.Message}; pass a writable folder.");
            return null;
        }

        console.WriteLine($"ab: wrote {markdown}, {csv}, {png} ({watch.Elapsed.TotalSeconds:0.0} s in all)");
        return report;
    }
}
