using System.Globalization;
using Botify.Lab.Analysis;
using Spectre.Console;

namespace Botify.Lab.Reports;

/// <summary>The A/B table for the terminal: effects green/red by sign, significant rows marked.</summary>
public static class AbTerminalTable
{
    public static void Write(IAnsiConsole console, AbReport report)
    {
        var percent = report.Confidence.ToString("P0", CultureInfo.InvariantCulture);
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title($"A/B [bold]{Markup.Escape(report.Experiment)}[/] vs control [bold]{Markup.Escape(report.Control)}[/] (Welch {percent} " +
                $"intervals, % of control mean)")
            .AddColumn("treatment")
            .AddColumn("metric")
            .AddColumn(new TableColumn("effect %").RightAligned())
            .AddColumn(new TableColumn($"{percent} CI %").RightAligned())
            .AddColumn(new TableColumn($"{Markup.Escape(report.Control)} mean").RightAligned())
            .AddColumn(new TableColumn("T mean").RightAligned())
            .AddColumn(new TableColumn("sig.").Centered());

        foreach (var row in report.Rows)
        {
            var colour = row.Effect > 0 ? "green" : row.Effect < 0 ? "red" : "grey";
            var weight = row.Significant ? "bold " : "";
            table.AddRow(
                Markup.Escape(row.Treatment),
                Markup.Escape(row.Metric),
                $"[{weight}{colour}]{Signed(row.Effect)}[/]",
                Markup.Escape($"[{Signed(row.Lower)}, {Signed(row.Upper)}]"),
                Number(row.ControlMean),
                Number(row.TreatmentMean),
                row.Significant ? $"[bold {colour}]* yes[/]" : "[grey]no[/]");
        }

        console.Write(table);
        foreach (var arm in report.Arms)
        {
            console.MarkupLine(Markup.Escape(
                $"  arm {arm.Arm}: {arm.Users:N0} users, {arm.ClosedSessions:N0} closed sessions, {arm.Tracks:N0} tracks, longest {arm.LongestSession:N0}, " +
                $"{arm.CappedSessions:N0} ({arm.CappedShare:P1}) at the cap; " +
                $"{arm.UnclosedSessions:N0} unclosed sessions ({arm.UnclosedEvents:N0} events) excluded"));
        }

        if (report.EventsWithoutExperiment > 0)
        {
            console.MarkupLine(Markup.Escape($"  {report.EventsWithoutExperiment:N0} events carry no '{report.Experiment}' arm and were ignored"));
        }
    }

    internal static string Signed(double value) =>
        double.IsNaN(value) ? "n/a" : value.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture);

    internal static string Number(double value) =>
        double.IsNaN(value) ? "n/a"
        : value != 0 && Math.Abs(value) < 0.01 ? value.ToString("0.###E+0", CultureInfo.InvariantCulture) // tiny latencies stay readable
        : value.ToString(Math.Abs(value) >= 100 ? "0.0" : "0.0000", CultureInfo.InvariantCulture);
}
