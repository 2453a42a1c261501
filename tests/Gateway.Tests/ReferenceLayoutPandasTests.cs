using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Botify.Gateway.Tests;

/// <summary>
/// `--log-layout reference` read by its real consumer: pandas, as the course notebooks read the reference service's
/// logs (one folder per container, `pd.read_json(path, lines=True)` over a glob). The rows must be exactly the
/// requests the gateway acknowledged.
/// </summary>
public sealed class ReferenceLayoutPandasTests(ITestOutputHelper output)
{
    private static readonly string Catalog = TestCatalogFolder.Write();

    [Theory]
    [InlineData("*/data.json", 64L * 1024 * 1024)] // the notebooks' glob; no rotation, so data.json holds everything
    [InlineData("*/data.json*", 4096)] // rotated files as well: data.json.1 …
    public async Task Pandas_reads_the_reference_layout_the_gateway_wrote_and_its_rows_are_the_acknowledged_requests(string glob, long maxBytes)
    {
        var root = Directory.CreateTempSubdirectory("botify-course-logs-").FullName;
        var container = Path.Combine(root, "botify-recommender-1"); // as the course's dataclient.py copies each container's folder
        var acknowledged = new List<string>();
        await using (var app = new GatewayApp(catalog: Catalog, logDir: container, instance: null, maxLogFileBytes: maxBytes,
                         extra: new Dictionary<string, string?> { ["Botify:EventLog:Layout"] = "reference" }))
        {
            using var http = app.Http();
            for (var i = 0; i < 120; i++)
            {
                var user = 10 + i % 4;
                var track = i * 7 % TestCatalogFolder.TrackCount;
                var time = Math.Round(i % 10 / 10.0, 2);
                if (i % 6 == 5)
                {
                    await (await http.Last(user, track, time)).Expect(200);
                    acknowledged.Add(Row("last", user, track, time, null));
                }
                else
                {
                    var answer = await (await http.Next(user, track, time)).Expect(200);
                    acknowledged.Add(Row("next", user, track, time, answer.GetProperty("track").GetInt32()));
                }
            }
        }
        var files = Directory.GetFiles(container).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        output.WriteLine($"--log-max-bytes {maxBytes}: {string.Join(", ", files)}");
        Assert.Contains("data.json", files);
        if (maxBytes < 10_000) Assert.Contains("data.json.3", files);

        var rows = ReadWithPandas(root, glob);
        output.WriteLine($"pandas over {glob}: {rows.Count} rows, e.g. {rows.FirstOrDefault()}");
        Assert.Equal(acknowledged.Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
    }

    private static string Row(string message, int user, int track, double time, int? recommendation) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{message},{user},{track},{time:0.00},{(recommendation is { } r ? r.ToString(CultureInfo.InvariantCulture) : "")}");

    // The course notebook's reading, then one CSV row per event for the comparison.
    private static List<string> ReadWithPandas(string root, string glob)
    {
        const string Script = """
            import glob, sys
            import pandas as pd
            root, pattern = sys.argv[1], sys.argv[2]
            paths = sorted(glob.glob(root + "/" + pattern))
            data = pd.concat([pd.read_json(path, lines=True) for path in paths], ignore_index=True)
            for row in data.itertuples():
                rec = "" if pd.isna(row.recommendation) else str(int(row.recommendation))
                print(f"{row.message},{row.user},{row.track},{row.time:.2f},{rec}")
            """;
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-c", Script, root, glob }) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("/usr/bin/python3 did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"pandas failed (./test.sh installs python3-pandas through apt): {stderr}");
        return [.. stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
