using System.Globalization;
using System.Text;

namespace Botify.Ops.Bench;

/// <summary>
/// The scale scenario's result: one row per distinct-user count against the ceiling of the same run, memory per user (gateway RSS
/// growth since the gateway was ready, Redis used_memory growth), the full-history record size, and the issue's targets.
/// </summary>
public sealed record ScaleReport(
    IReadOnlyList<ScaleRow> Rows,
    WrkResult Ceiling,
    long BaseRssBytes,
    long BaseRedisBytes,
    FullHistoryRecord FullHistory,
    ScaleRow? Idle,
    BenchOptions Options,
    string Commit,
    bool Dirty,
    string Machine,
    DateTime FinishedUtc)
{
    /// <summary>The issue's targets (issue 14): p99 under 10 ms, ≥ 35 % of the ceiling, ≤ 1,500 B RSS and ≤ 800 B Redis per user.</summary>
    public const double P99TargetMs = 10;

    public const double RatioTargetPercent = 35;
    public const double RssPerUserTarget = 1500;
    public const double RedisPerUserTarget = 800;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public double Ratio(ScaleRow row) => Ceiling.RequestsPerSecond > 0 ? 100 * row.Wrk.RequestsPerSecond / Ceiling.RequestsPerSecond : 0;

    /// <summary>Gateway RSS growth since it was ready (before the first user), per distinct user.</summary>
    public double RssPerUser(ScaleRow row) => row.Users > 0 ? (row.RssBytes - BaseRssBytes) / (double)row.Users : 0;

    /// <summary>Redis used_memory growth since the catalog was published, per user-state key.</summary>
    public double RedisPerUser(ScaleRow row) => row.RedisKeys > 0 ? (row.RedisUsedBytes - BaseRedisBytes) / (double)row.RedisKeys : 0;

    public IReadOnlyList<string> Targets()
    {
        var lines = new List<string>();
        foreach (var row in Rows)
        {
            var errors = row.Wrk.Errors + row.Fill.Failed;
            lines.Add(F($"- {row.Users:N0} users: p99 < {P99TargetMs} ms {Met(row.Wrk.P99Microseconds / 1000.0 < P99TargetMs)} ")
                + F($"({row.Wrk.P99Microseconds / 1000.0:0.0} ms), 0 errors {Met(errors == 0)} ({errors}), ")
                + F($"≥ {RatioTargetPercent} % of the ceiling {Met(Ratio(row) >= RatioTargetPercent)} ({Ratio(row):0} %)"));
        }
        if (Rows.Count > 0)
        {
            var largest = Rows[^1];
            lines.Add(F($"- gateway RSS growth ≤ {RssPerUserTarget:N0} B per user at {largest.Users:N0} users (all recent): ")
                + F($"{Met(RssPerUser(largest) <= RssPerUserTarget)} ({RssPerUser(largest):N0} B, ")
                + F($"{largest.Activations?.ToString("N0", Invariant) ?? "-"} activations)"));
        }
        if (Idle is { } idle)
        {
            lines.Add(F($"- after idle deactivation: {RssPerUser(idle):N0} B RSS per stored user, ")
                + F($"{idle.Activations?.ToString("N0", Invariant) ?? "-"} activations"));
        }
        lines.Add(F($"- Redis ≤ {RedisPerUserTarget} B per user at a full history: {Met(FullHistory.MaxBytes <= RedisPerUserTarget)} ")
            + F($"(MEMORY USAGE {FullHistory.MinBytes}–{FullHistory.MaxBytes} B, mean {FullHistory.MeanBytes:0} B, {FullHistory.Users} users)"));
        return lines;
    }

    public string Markdown()
    {
        var o = Options;
        var text = new StringBuilder();
        text.AppendLine(F($"# Scale benchmark {FinishedUtc:yyyy-MM-dd HH:mm} UTC, commit {Commit}{(Dirty ? " (+ uncommitted changes)" : "")}"));
        text.AppendLine();
        text.AppendLine(F($"Machine: {Machine} at the end. One gateway (single-machine mode, default experiment SESSION: "));
        text.AppendLine("C StickyArtist / T1 Session,");
        text.AppendLine("Redis write-through, event log on) brought to N distinct users with one `POST /next` each, then wrk");
        text.AppendLine(F($"({o.Connections} connections, {o.Threads} threads, {o.WarmupSeconds} s warm-up + {o.DurationSeconds} s measured) "));
        text.AppendLine("on `POST /next`");
        text.AppendLine("with uniform random users of those N. The ceiling is a bare Kestrel endpoint of the same shape measured in the same run");
        text.AppendLine(F($"({Ceiling.RequestsPerSecond:0} requests/s, p99 {Ceiling.P99Microseconds / 1000.0:0.00} ms). "));
        text.AppendLine("The load generator shares the cores: compare ratios.");
        text.AppendLine(F($"RSS per user: (gateway RSS after the window − RSS when it was ready, {BaseRssBytes / 1048576} MB) / N. "));
        text.AppendLine("Redis per user: (used_memory − used_memory after the catalog was published) / user-state keys. GC: the share of the window the");
        text.AppendLine("service was paused and the collections per generation in it (two readings of GET /health). Activations: the silo's own count.");
        if (o.ScaleIdle > TimeSpan.Zero)
        {
            text.AppendLine(F($"Botify:IdleDeactivation {o.ScaleIdle.TotalMinutes:0} min (longer than the fills: every row is measured with "));
            text.AppendLine("all N users active);");
            text.AppendLine("the idle row is read after that long with no requests (its heap is as of the last GC).");
        }
        if (o.GatewayExtra.Count > 0) text.AppendLine($"Extra gateway arguments: {string.Join(' ', o.GatewayExtra)}");
        text.AppendLine();
        text.AppendLine("| users | fill users/s | requests/s | ratio to ceiling | p50 ms | p99 ms | errors | GC paused | GCs gen0/1/2 | mean pause ms "
            + "| RSS MB | RSS B/user | heap MB | activations | Redis B/user | load |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in Rows) text.AppendLine($"| {string.Join(" | ", Cells(row))} |");
        if (Idle is { } idle) text.AppendLine($"| {string.Join(" | ", Cells(idle))} |");
        text.AppendLine();
        var h = FullHistory;
        text.AppendLine(F($"Full-history record ({h.Users} users after {o.FullHistoryPlays} plays each): MEMORY USAGE {h.MinBytes}–{h.MaxBytes} B, ")
            + F($"mean {h.MeanBytes:0} B. Example (`HGET <key> data`):"));
        text.AppendLine();
        text.AppendLine("```");
        text.AppendLine(h.Example);
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine("Targets:");
        text.AppendLine();
        foreach (var target in Targets()) text.AppendLine(target);
        return text.ToString();
    }

    public string Terminal()
    {
        var text = new StringBuilder();
        string[] header =
        [
            "users", "fill/s", "requests/s", "ceiling", "p50 ms", "p99 ms", "errors", "GC paused", "GCs 0/1/2", "pause ms", "RSS MB", "RSS B/user",
            "heap MB", "activations", "Redis B/user",
        ];
        text.AppendLine(Columns(header));
        foreach (var row in Rows) text.AppendLine(Columns(Cells(row)));
        if (Idle is { } idle) text.AppendLine(Columns(Cells(idle)));
        text.AppendLine();
        text.AppendLine(F($"ceiling {Ceiling.RequestsPerSecond:0} requests/s; full-history record {FullHistory.MinBytes}–{FullHistory.MaxBytes} B in Redis"));
        foreach (var target in Targets()) text.AppendLine(target);
        return text.ToString();
    }

    private string[] Cells(ScaleRow row)
    {
        var idle = ReferenceEquals(row, Idle);
        var collections = row.CollectionsByGeneration is { } c ? string.Join('/', c) : "-";
        var meanPause = row.CollectionsByGeneration is { } g && row.GcPauseMs is { } pause && g.Sum() > 0 ? F($"{pause / g.Sum():0.0}") : "-";
        return
        [
            idle ? F($"{row.Users:N0} idle") : F($"{row.Users:N0}"),
            idle ? "-" : F($"{row.Fill.UsersPerSecond:0}"),
            idle ? "-" : F($"{row.Wrk.RequestsPerSecond:0}"),
            idle ? "-" : F($"{Ratio(row):0} %"),
            idle ? "-" : F($"{row.Wrk.P50Microseconds / 1000.0:0.00}"),
            idle ? "-" : F($"{row.Wrk.P99Microseconds / 1000.0:0.0}"),
            idle ? "-" : F($"{row.Wrk.Errors + row.Fill.Failed}"),
            idle ? "-" : row.GcPausePercent is { } p ? F($"{p:0.0} %") : "-",
            idle ? "-" : collections,
            idle ? "-" : meanPause,
            F($"{row.RssBytes / 1048576}"),
            F($"{RssPerUser(row):N0}"),
            row.HeapBytes is { } heap ? F($"{heap / 1048576}") : "-",
            row.Activations?.ToString("N0", Invariant) ?? "-",
            F($"{RedisPerUser(row):0}"),
            row.LoadAverage,
        ];
    }

    private static string Columns(string[] c) =>
        F($"{c[0],-16} {c[1],7} {c[2],10} {c[3],8} {c[4],7} {c[5],7} {c[6],6} {c[7],9} {c[8],10} {c[9],8} {c[10],7} {c[11],10} {c[12],7} ")
        + F($"{c[13],11} {c[14],12}").TrimEnd();

    private static string Met(bool met) => met ? "met" : "NOT met";

    private static string F(FormattableString text) => text.ToString(Invariant);
}
