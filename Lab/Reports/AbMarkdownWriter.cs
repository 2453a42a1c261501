using System.Globalization;
using System.Text;
using Botify.Lab.Analysis;

namespace Botify.Lab.Reports;

/// <summary>The A/B table as Markdown (ab.md): a heading, the table, and the per-arm counts.</summary>
public static class AbMarkdownWriter
{
    public static string Render(AbReport report)
    {
        var percent = report.Confidence.ToString("P0", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine($"# A/B analysis: {report.Experiment}");
        text.AppendLine();
        text.AppendLine($"Control `{report.Control}`; effect and Welch {percent} interval in % of the control mean, user-level metrics over closed sessions.");
        text.AppendLine();
        text.AppendLine("| treatment | metric | effect % | lower % | upper % | control mean | treatment mean | significant |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|:---:|");
        foreach (var r in report.Rows)
        {
            var mark = r.Significant ? "**yes**" : "no";
            var effect = r.Significant ? $"**{AbTerminalTable.Signed(r.Effect)}**" : AbTerminalTable.Signed(r.Effect);
            text.AppendLine($"| {r.Treatment} | {r.Metric} | {effect} | {AbTerminalTable.Signed(r.Lower)} | {AbTerminalTable.Signed(r.Upper)} | " +
                            $"{AbTerminalTable.Number(r.ControlMean)} | {AbTerminalTable.Number(r.TreatmentMean)} | {mark} |");
        }

        text.AppendLine();
        text.AppendLine("| arm | users | closed sessions | tracks | longest session | sessions at the cap | unclosed sessions (excluded) | their events |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var a in report.Arms)
        {
            text.AppendLine($"| {a.Arm} | {a.Users:N0} | {a.ClosedSessions:N0} | {a.Tracks:N0} | {a.LongestSession:N0} | {a.CappedSessions:N0} " +
                $"({a.CappedShare:P1}) | {a.UnclosedSessions:N0} | {a.UnclosedEvents:N0} |");
        }

        if (report.EventsWithoutExperiment > 0)
        {
            text.AppendLine();
            text.AppendLine($"{report.EventsWithoutExperiment:N0} events carry no `{report.Experiment}` arm and were ignored.");
        }

        return text.ToString();
    }
}
