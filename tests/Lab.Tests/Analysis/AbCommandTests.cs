using System.Globalization;
using Botify.Lab.Reports;
using Botify.TestSupport;

namespace Botify.Lab.Tests.Analysis;

public sealed class AbCommandTests
{
    [Fact]
    public void Ab_over_several_gateway_files_out_of_order_writes_md_csv_and_png()
    {
        using var folder = new TempFolder();
        var rng = new Random(7);
        var a = new List<string>();
        var b = new List<string>();
        var ts = 1_764_277_200_000L;
        for (var user = 0; user < 200; user++)
        {
            var arm = user % 2 == 0 ? "C" : "T1";
            for (var session = 0; session < 3; session++)
            {
                var length = 2 + rng.Next(arm == "T1" ? 6 : 3);
                for (var k = 0; k < length; k++)
                {
                    var time = Math.Round(rng.NextDouble(), 2);
                    var line = k == length - 1
                        ? EventLines.Last(user, k, time, ts + k, arm: arm)
                        : EventLines.Next(user, k, time, ts + k, arm: arm);
                    (rng.Next(2) == 0 ? a : b).Add(line); // one session spread over two gateways
                }

                ts += 100;
            }
        }

        a.Reverse(); // out of order within and across files
        folder.Write("gw-5001/events-gw-5001-0001.jsonl", a);
        folder.Write("gw-5002/events-gw-5002-0001.jsonl", b);
        var output = Path.Combine(folder.Path, "report");

        var code = AbCommand.Run(folder.Path, "AB", output, "C", 0.95);

        Assert.Equal(0, code);
        var csv = File.ReadAllLines(Path.Combine(output, "ab.csv"));
        Assert.Equal(AbCsvWriter.Header, csv[0]);
        var tracks = csv.Single(l => l.StartsWith("T1,mean_tracks_per_session,", StringComparison.Ordinal)).Split(',');
        var effect = double.Parse(tracks[2], CultureInfo.InvariantCulture);
        var control = double.Parse(tracks[5], CultureInfo.InvariantCulture);
        var treatment = double.Parse(tracks[6], CultureInfo.InvariantCulture);
        Assert.Equal((treatment - control) / control * 100, effect, 3);
        Assert.Equal("True", tracks[7]); // 2..7 tracks vs 2..4 tracks per session
        Assert.Contains("| T1 | mean_tracks_per_session |", File.ReadAllText(Path.Combine(output, "ab.md")));
        var png = File.ReadAllBytes(Path.Combine(output, "ab.png"));
        Assert.True(png.Length > 1000 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G');
    }

    [Fact]
    public void Ab_with_an_unknown_experiment_fails_without_writing_files()
    {
        using var folder = new TempFolder();
        folder.Write("events-sim-0001.jsonl", [EventLines.Next(1, 1, 1, 1), EventLines.Last(1, 1, 1, 2)]);
        var output = Path.Combine(folder.Path, "report");

        var code = AbCommand.Run(folder.Path, "NOPE", output, "C", 0.95);

        Assert.NotEqual(0, code);
        Assert.False(File.Exists(Path.Combine(output, "ab.csv")));
    }
}
