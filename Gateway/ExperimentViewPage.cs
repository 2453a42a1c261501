using System.Globalization;
using System.Net;
using System.Text;
using Botify.Contracts.AbTesting;

namespace Botify.Gateway;

/// <summary>
/// The HTML page of `GET /experiments/{name}/view`: per-arm counts and, per metric, an inline SVG chart of each
/// treatment's effect with its Welch and always-valid intervals, plus the figures as a table. Self-contained (no
/// script or style from elsewhere); a few lines of script fetch the page again and swap its content in.
/// </summary>
public static class ExperimentViewPage
{
    private const int ChartWidth = 760;
    private const int LabelWidth = 190;
    private const int RowHeight = 30;
    private const int AxisHeight = 26;
    private const string NotConfigured =
        " <span class=\"warn\">This experiment is not configured on the silos now: its figures are what its users reported.</span>";

    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"];

    public static string Render(LiveExperiment live, TimeSpan refresh, DateTimeOffset now, double confidence)
    {
        var html = new StringBuilder(16 * 1024);
        var name = Encode(live.Name);
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Experiment ").Append(name).Append(" — live</title>\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>\n")
            .Append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;background:#fff}h1{margin:0 0 4px}h2{font-size:16px;margin:22px 0 4px}")
            .Append("table{border-collapse:collapse;font-size:14px}td,th{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right;white-space:nowrap}")
            .Append("th:first-child,td:first-child,td.text{text-align:left}.updated{color:#666;font-size:13px}.sig{font-weight:bold}")
            .Append(".legend{color:#444;font-size:13px;max-width:760px}svg text{font-size:12px;fill:#333}.warn{color:#a40}\n</style></head>\n<body>\n");
        html.Append("<main id=\"live\" data-experiment=\"").Append(name).Append("\" data-rendered=\"").Append(now.ToUnixTimeMilliseconds()).Append("\">\n");
        html.Append("<h1>Experiment ").Append(name).Append("</h1>\n<p class=\"updated\">Live figures at ")
            .Append(now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(" UTC, refreshed every ")
            .Append(refresh.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)).Append(" s; each treatment against control ")
            .Append(LiveExperimentReader.Control).Append(", user-level metrics over closed sessions.")
            .Append(live.Configured ? "" : NotConfigured)
            .Append("</p>\n");

        Arms(html, live);
        var treatments = live.Rows.Select(r => r.Treatment).Distinct().ToList();
        if (live.Rows.Count == 0 || live.Arms.All(a => a.Users == 0))
        {
            html.Append("<p class=\"warn\">No closed session yet: the figures appear once users in control ").Append(LiveExperimentReader.Control)
                .Append(" and a treatment have finished sessions (POST /last).</p>\n");
        }
        foreach (var metric in AbMetrics.All)
        {
            var rows = live.Rows.Where(r => r.Metric == metric).ToList();
            if (rows.Count == 0) continue;
            html.Append("<section class=\"metric\" data-metric=\"").Append(metric).Append("\">\n<h2>").Append(metric).Append("</h2>\n");
            Chart(html, rows, treatments, live.Recommenders);
            Figures(html, rows);
            html.Append("</section>\n");
        }
        var level = (confidence * 100).ToString("0.##", CultureInfo.InvariantCulture);
        html.Append("<p class=\"legend\">Dot: effect (mean<sub>T</sub> − mean<sub>C</sub>) / mean<sub>C</sub>, filled when the Welch interval excludes 0. ")
            .Append("Thick bar: Welch ").Append(level)
            .Append(" % interval, valid for one look at a sample size fixed in advance (the interval of <code>Lab ab</code>). ")
            .Append("Thin bar: always-valid ").Append(level)
            .Append(" % interval (normal-mixture confidence sequence; Howard, Ramdas, McAuliffe &amp; Sekhon 2021), ")
            .Append("valid however often this page is looked at; act on it while traffic runs.</p>\n");
        html.Append("</main>\n<script>\n// Fetch this page again and swap its figures in; a failed fetch keeps the last figures.\n")
            .Append("setInterval(async () => { try { const r = await fetch(location.href, { cache: 'no-store' }); if (!r.ok) return;\n")
            .Append("  const next = new DOMParser().parseFromString(await r.text(), 'text/html').getElementById('live');\n")
            .Append("  if (next) document.getElementById('live').replaceWith(next); } catch (e) { } }, ")
            .Append(Math.Max(250, (int)refresh.TotalMilliseconds)).Append(");\n</script>\n</body></html>\n");
        return html.ToString();
    }

    private static void Arms(StringBuilder html, LiveExperiment live)
    {
        html.Append("<table class=\"arms\"><thead><tr><th>arm</th><th>recommender</th><th>users</th><th>closed sessions</th><th>tracks</th>")
            .Append("<th>tracks / session</th></tr></thead><tbody>\n");
        foreach (var arm in live.Arms)
        {
            html.Append("<tr data-arm=\"").Append(Encode(arm.Arm)).Append("\"><td>").Append(Encode(arm.Arm)).Append("</td><td class=\"text\">")
                .Append(Encode(live.Recommenders.GetValueOrDefault(arm.Arm) ?? "(not configured)")).Append("</td><td class=\"users\">")
                .Append(arm.Users.ToString("N0", CultureInfo.InvariantCulture)).Append("</td><td class=\"sessions\">")
                .Append(arm.Sessions.ToString("N0", CultureInfo.InvariantCulture)).Append("</td><td class=\"tracks\">")
                .Append(arm.Tracks.ToString("N0", CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(arm.Sessions == 0 ? "–" : ((double)arm.Tracks / arm.Sessions).ToString("0.00", CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }
        html.Append("</tbody></table>\n");
    }

    private static void Chart(StringBuilder html, List<AbRow> rows, List<string> treatments, IReadOnlyDictionary<string, string> recommenders)
    {
        double min = 0, max = 0;
        foreach (var r in rows)
        {
            foreach (var v in new[] { r.Effect, r.Lower, r.Upper, r.SeqLower, r.SeqUpper })
            {
                if (!double.IsFinite(v)) continue;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }
        var step = NiceStep((max - min) / 5);
        min = Math.Floor(min / step) * step;
        max = Math.Ceiling(max / step) * step;
        if (max - min < step) max = min + step;
        var plot = ChartWidth - LabelWidth - 40;
        double X(double v) => LabelWidth + (v - min) / (max - min) * plot;
        var height = rows.Count * RowHeight + AxisHeight;

        html.Append("<svg class=\"chart\" width=\"").Append(ChartWidth).Append("\" height=\"").Append(height).Append("\" viewBox=\"0 0 ")
            .Append(ChartWidth).Append(' ').Append(height).Append("\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n");
        for (var tick = min; tick <= max + step / 2; tick += step)
        {
            var x = F(X(tick));
            html.Append("<line x1=\"").Append(x).Append("\" x2=\"").Append(x).Append("\" y1=\"0\" y2=\"").Append(rows.Count * RowHeight)
                .Append("\" stroke=\"").Append(Math.Abs(tick) < step / 1e6 ? "#333\" stroke-dasharray=\"4 3" : "#e4e4e4").Append("\"/>")
                .Append("<text x=\"").Append(x).Append("\" y=\"").Append(rows.Count * RowHeight + 16).Append("\" text-anchor=\"middle\">")
                .Append(Signed(tick, step < 1 ? "0.#" : "0")).Append(" %</text>\n");
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var colour = Colours[Math.Max(0, treatments.IndexOf(r.Treatment)) % Colours.Length];
            var y = F(i * RowHeight + RowHeight / 2.0);
            var label = r.Treatment + (recommenders.TryGetValue(r.Treatment, out var spec) ? " " + spec : "");
            html.Append("<g class=\"row\" data-treatment=\"").Append(Encode(r.Treatment)).Append("\">")
                .Append("<text x=\"4\" y=\"").Append(F(i * RowHeight + RowHeight / 2.0 + 4)).Append("\">").Append(Encode(label)).Append("</text>");
            if (double.IsFinite(r.SeqLower) && double.IsFinite(r.SeqUpper))
            {
                html.Append("<line class=\"seq\" x1=\"").Append(F(X(r.SeqLower))).Append("\" x2=\"").Append(F(X(r.SeqUpper))).Append("\" y1=\"").Append(y)
                    .Append("\" y2=\"").Append(y).Append("\" stroke=\"").Append(colour).Append("\" stroke-opacity=\"0.45\" stroke-width=\"3\"/>");
            }
            if (double.IsFinite(r.Lower) && double.IsFinite(r.Upper))
            {
                html.Append("<line class=\"welch\" x1=\"").Append(F(X(r.Lower))).Append("\" x2=\"").Append(F(X(r.Upper))).Append("\" y1=\"").Append(y)
                    .Append("\" y2=\"").Append(y).Append("\" stroke=\"").Append(colour).Append("\" stroke-width=\"9\"/>");
            }
            if (double.IsFinite(r.Effect))
            {
                html.Append("<circle class=\"effect\" cx=\"").Append(F(X(r.Effect))).Append("\" cy=\"").Append(y).Append("\" r=\"6\" stroke=\"#111\" fill=\"")
                    .Append(r.Significant ? "#111" : "#fff").Append("\"/>");
            }
            html.Append("</g>\n");
        }
        html.Append("</svg>\n");
    }

    private static void Figures(StringBuilder html, List<AbRow> rows)
    {
        html.Append("<table class=\"rows\"><thead><tr><th>treatment</th><th>effect</th><th>Welch interval</th><th>always-valid interval</th>")
            .Append("<th>control mean</th><th>treatment mean</th></tr></thead><tbody>\n");
        foreach (var r in rows)
        {
            html.Append("<tr data-treatment=\"").Append(Encode(r.Treatment)).Append("\"><td>").Append(Encode(r.Treatment)).Append("</td><td class=\"")
                .Append(r.Significant ? "sig" : "").Append("\">").Append(Percent(r.Effect)).Append("</td><td>[").Append(Percent(r.Lower)).Append(", ")
                .Append(Percent(r.Upper)).Append(']').Append(r.Significant ? " significant" : "").Append("</td><td>[").Append(Percent(r.SeqLower)).Append(", ")
                .Append(Percent(r.SeqUpper)).Append(']').Append(r.SeqSignificant ? " significant" : "").Append("</td><td>").Append(Number(r.ControlMean))
                .Append("</td><td>").Append(Number(r.TreatmentMean)).Append("</td></tr>\n");
        }
        html.Append("</tbody></table>\n");
    }

    private static double NiceStep(double raw)
    {
        if (!(raw > 0)) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var f = raw / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }

    private static string Percent(double v) => double.IsFinite(v) ? Signed(v, "0.0") + " %" : "–";

    private static string Signed(double v, string format) => (v > 0 ? "+" : "") + v.ToString(format, CultureInfo.InvariantCulture).Replace("-", "−");

    private static string Number(double v) => double.IsFinite(v) ? v.ToString(Math.Abs(v) >= 100 ? "0.0" : "0.000", CultureInfo.InvariantCulture) : "–";

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
