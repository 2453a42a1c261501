using System.Globalization;
using System.Text;

namespace Botify.Ops.Bench;

/// <summary>The benchmark's result: the table (markdown for bench/results, fixed columns for the terminal), resources and targets.</summary>
public sealed record BenchReport(IReadOnlyList<BenchRow> Rows, BenchResources Resources, SimulatorFigures Simulator, BenchOptions Options,
    string Commit, bool Dirty, string Machine, DateTime FinishedUtc)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public double Ceiling => Row("ceiling").RequestsPerSecond;

    public BenchRow Row(string name) => Rows.First(r => r.Name == name);

    public double Ratio(BenchRow row) => Ceiling > 0 ? 100 * row.RequestsPerSecond / Ceiling : 0;

    public IReadOnlyList<string> Targets()
    {
        var session = Row("next-session");
        var ratio = Ratio(session);
        var errors = Rows.Sum(r => r.Errors);
        var rssMb = Resources.PeakRssBytes / 1048576;
        return
        [
            F($"- /next Session ≥ 40 % of ceiling: {(ratio >= 40 ? "met" : "NOT met")} ({ratio:0} %)"),
            F($"- /next Session p99 < 10 ms: {(session.P99Ms < 10 ? "met" : "NOT met")} ({session.P99Ms:0.00} ms)"),
            F($"- 0 errors in every scenario: {(errors == 0 ? "met" : "NOT met")} ({errors})"),
            F($"- {Options.Episodes} A/B episodes over HTTP < 20 s: {(Simulator.ElapsedSeconds < 20 ? "met" : "NOT met")} ({Simulator.ElapsedSeconds:0.0} s)"),
            F($"- service RSS < 400 MB: {(rssMb < 400 ? "met" : "NOT met")} ({rssMb} MB peak)"),
        ];
    }

    public string Markdown()
    {
        var o = Options;
        var text = new StringBuilder();
        text.AppendLine(F($"# Benchmark {FinishedUtc:yyyy-MM-dd HH:mm} UTC, commit {Commit}{(Dirty ? " (+ uncommitted changes)" : "")}"));
        text.AppendLine();
        text.AppendLine(F($"Machine: {Machine} at the end. wrk: {o.Connections} connections, {o.Threads} threads, ")
            + F($"{o.WarmupSeconds} s warm-up + {o.DurationSeconds} s measured per scenario;"));
        text.AppendLine(F($"random users out of {o.Users}, random catalog tracks, random time. ")
            + "The load generator shares the cores: compare ratios within one run.");
        text.AppendLine("CPU µs/request: user + system CPU of the service process and the throwaway redis-server during the measured window, per request");
        text.AppendLine("(the ceiling: its own process; wrk not counted). It depends less on the machine's load than requests/s does, but contention");
        text.AppendLine("(context switches, spinning) still inflates it: compare it within one run too.");
        text.AppendLine("GC paused: the share of the measured window the service's garbage collector had its threads stopped, and GCs the");
        text.AppendLine("collections in it (two readings of GET /health); a request that arrives during a pause waits for all of it.");
        if (o.GatewayExtra.Count > 0) text.AppendLine($"Extra gateway arguments: {string.Join(' ', o.GatewayExtra)}");
        text.AppendLine();
        text.AppendLine("| scenario | requests/s | p50 ms | p99 ms | ratio to ceiling | errors | CPU µs/request | GC paused | GCs | what |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in Rows)
        {
            var c = Cells(row);
            text.AppendLine($"| {string.Join(" | ", c)} |");
        }
        text.AppendLine();
        var r = Resources;
        text.AppendLine(F($"Resources (the A/B gateway, after all scenarios and the simulator touched {r.UserKeys} distinct users, ")
            + F($"catalog with 2 per-user tables of {o.Users} × {o.UserRowLength} and a per-track table of {TrackRows:N0} × {o.TrackRowLength} loaded):"));
        text.AppendLine();
        text.AppendLine("| resource | value |");
        text.AppendLine("|---|---:|");
        text.AppendLine(F($"| service peak RSS (VmHWM) | {r.PeakRssBytes / 1048576} MB |"));
        text.AppendLine(F($"| service RSS at the end | {r.RssBytes / 1048576} MB |"));
        text.AppendLine(F($"| Redis used_memory growth from user state | {r.RedisGrowthBytes / 1048576:0.0} MB |"));
        text.AppendLine(F($"| user-state keys × sampled MEMORY USAGE | {r.UserKeys} × {r.SampledBytesPerKey} B = {SampledMb:0.0} MB |"));
        text.AppendLine();
        text.AppendLine("Targets:");
        text.AppendLine();
        foreach (var target in Targets()) text.AppendLine(target);
        return text.ToString();
    }

    /// <summary>The terminal's view: fixed columns, then resources, the Session line and the targets.</summary>
    public string Terminal()
    {
        var text = new StringBuilder();
        string[] header = ["scenario", "requests/s", "p50 ms", "p99 ms", "ratio to ceiling", "errors", "CPU µs/request", "GC paused", "GCs", "what"];
        text.AppendLine(Columns(header));
        foreach (var row in Rows) text.AppendLine(Columns(Cells(row)));
        text.AppendLine();
        var r = Resources;
        text.AppendLine(F($"service RSS peak {r.PeakRssBytes / 1048576} MB; Redis user state {r.RedisGrowthBytes / 1048576:0.0} MB growth ")
            + F($"({r.UserKeys} keys × {r.SampledBytesPerKey} B sampled = {SampledMb:0.0} MB)"));
        var session = Row("next-session");
        text.AppendLine(F($"/next Session: {Ratio(session):0} % of the ceiling, p99 {session.P99Ms:0.00} ms, {session.Errors} errors"));
        foreach (var target in Targets()) text.AppendLine(target);
        return text.ToString();
    }

    /// <summary>Track rows of the per-track table: one per catalog track.</summary>
    public int TrackRows { get; init; }

    private double SampledMb => Resources.SampledBytesPerKey * (double)Resources.UserKeys / 1048576;

    private string[] Cells(BenchRow row) =>
    [
        row.Name, F($"{row.RequestsPerSecond:0}"), F($"{row.P50Ms:0.00}"), F($"{row.P99Ms:0.00}"), F($"{Ratio(row):0} %"), F($"{row.Errors}"),
        F($"{row.CpuMicrosecondsPerRequest:0}"), row.GcPausePercent is { } gc ? F($"{gc:0.0} %") : "-", row.Collections?.ToString(Invariant) ?? "-", row.Note,
    ];

    private static string Columns(string[] c) =>
        F($"{c[0],-17} {c[1],11} {c[2],8} {c[3],8} {c[4],16} {c[5],7} {c[6],14} {c[7],10} {c[8],5}  {c[9]}").TrimEnd();

    private static string F(FormattableString text) => text.ToString(Invariant);
}
