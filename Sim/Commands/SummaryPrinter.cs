using Botify.Sim.Traffic;
using Spectre.Console;

namespace Botify.Sim.Commands;

/// <summary>The end-of-run summary as a terminal table.</summary>
public static class SummaryPrinter
{
    public static void Print(RunSummary s)
    {
        var table = new Table().AddColumn("run").AddColumn("value");
        table.AddRow("target", s.Target.EscapeMarkup());
        table.AddRow("episodes", $"{s.Episodes:N0} finished, {s.FailedEpisodes:N0} ended by an error");
        table.AddRow("requests", s.Requests.ToString("N0"));
        table.AddRow("errors", s.Errors.Count == 0 ? "none" : string.Join(", ", s.Errors.Select(e => $"{e.Key}: {e.Value:N0}")).EscapeMarkup());
        table.AddRow("mean reward (time of recommendations)", $"{s.MeanReward:F3} ± {s.RewardSem:F3}");
        table.AddRow("mean steps (recommendations)", $"{s.MeanSteps:F3} ± {s.StepsSem:F3}");
        table.AddRow("per session as the A/B table counts (tracks / time)", $"{s.MeanSteps + 1:F3} / {s.MeanReward + 1:F3}");
        table.AddRow("sessions that hit the cap", $"{s.CapHitShare:P2}");
        table.AddRow("throughput", $"{s.RequestsPerSecond:N0} requests/s over {s.ElapsedSeconds:F1} s");
        table.AddRow("latency p50 / p95 / p99", $"{s.LatencyP50Ms:F2} / {s.LatencyP95Ms:F2} / {s.LatencyP99Ms:F2} ms");
        AnsiConsole.Write(table);
        if (s.Arms.Count == 0) return;
        var arms = new Table().AddColumn("arm").AddColumn("policy").AddColumn("episodes").AddColumn("mean reward").AddColumn("mean steps")
            .AddColumn("tracks / time per session").AddColumn("capped");
        foreach (var arm in s.Arms)
            arms.AddRow(arm.Arm, arm.Policy, arm.Episodes.ToString("N0"), $"{arm.MeanReward:F3} ± {arm.RewardSem:F3}",
                $"{arm.MeanSteps:F3} ± {arm.StepsSem:F3}",
                $"{arm.MeanSteps + 1:F3} / {arm.MeanReward + 1:F3}", $"{arm.CapHitShare:P2}");
        AnsiConsole.Write(arms);
    }
}
