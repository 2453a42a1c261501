using System.Diagnostics;
using System.Text.RegularExpressions;
using Botify.TestSupport;
using Xunit.Abstractions;

namespace Botify.Lab.Tests.Logs;

/// <summary>Corrupt, truncated and hostile event logs: `Lab train` skips and counts the bad lines, names the first and runs to the end.</summary>
public sealed class ReliabilityEventLogTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Train_on_hostile_logs_skips_the_bad_lines_names_the_first_and_writes_every_table()
    {
        using var folder = new TempFolder();
        var logs = Path.Combine(folder.Path, "logs");
        var random = new Random(11);
        var valid = new List<string>();
        var ts = 1_764_277_200_000L;
        for (var user = 0; user < 60; user++)
        {
            for (var k = 0; k < 12; k++)
            {
                var track = (user % 3) * 100 + random.Next(30);
                valid.Add(k == 11 ? EventLines.Last(user, track, 0.9, ts++) : EventLines.Next(user, track, 1.0, ts++));
            }
        }
        // Extreme but valid ids must not overflow any key or index.
        valid.Add(EventLines.Next(int.MaxValue, int.MaxValue, 1.0, ts++));
        valid.Add(EventLines.Last(int.MaxValue, 5, 1.0, ts++));
        WriteLines(Path.Combine(logs, "events-gw-1-0001.jsonl"), valid);
        string[] hostile =
        [
            EventLines.Next(1, 5, 1.0, 1),
            "{\"message\":\"next\",\"timestamp\":1,\"user\":1,\"user\":2,\"track\":2,\"time\":1}",
            "{\"message\":\"next\",\"timestamp\":1,\"user\":-5,\"track\":2,\"time\":1}",
            "{\"message\":\"next\",\"timestamp\":1,\"user\":1,\"track\":2147483648,\"time\":1}",
            "[{\"message\":\"next\"}]",
            "{\"message\":\"next\",\"timestamp\":1,\"user\":{\"id\":1},\"track\":2,\"time\":1}",
            "{\"message\":\"skip\",\"timestamp\":1,\"user\":1,\"track\":2,\"time\":1}",
            "{\"message\":\"next\",\"timestamp\":1,\"user\":1,\"track\":2,\"time\":7}",
            new string('[', 200_000), // deeper than any JSON reader allows, and longer than a line may be
            "\0\0\0\0",
            "{\"message\":\"next\",\"timestamp\":1,\"user\":1,\"track\":2,\"ti",
        ];
        WriteLines(Path.Combine(logs, "events-gw-2-0001.jsonl"), hostile);
        File.WriteAllBytes(Path.Combine(logs, "events-gw-3-0001.jsonl"), [0xFF, 0xFE, (byte)'{', 0xC3, 0x28, (byte)'\n']);
        var model = Path.Combine(folder.Path, "model");

        var lab = Path.Combine(AppContext.BaseDirectory, "Lab.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { lab, "train", "--logs", logs, "--out", model, "--holdout", "0", "--top", "10", "--lfm-epochs", "2", "--gcf-epochs", "2" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        var text = await stdout + await stderr;
        output.WriteLine(text.Trim());

        Assert.Equal(0, process.ExitCode);
        var first = Regex.Escape(Path.Combine(logs, "events-gw-2-0001.jsonl")) + @":2: field \\?""user\\?"" appears twice";
        var malformed = hostile.Length - 1 + 1; // all but the first hostile line, plus the binary file's one line
        Assert.Matches($"skipped {malformed} malformed line\\(s\\), first: {first}", text);
        Assert.DoesNotContain("Unhandled exception", text);
        foreach (var table in new[] { "top_tracks.json", "recommendations_contextual.json", "recommendations_lfm.json", "recommendations_gcf.json" })
        {
            Assert.True(new FileInfo(Path.Combine(model, table)).Length > 0, $"{table} missing or empty");
        }
        Assert.Contains(File.ReadLines(Path.Combine(model, "recommendations_lfm.json")), l
            => l.StartsWith($"{{\"user\":{int.MaxValue},", StringComparison.Ordinal));
    }

    private static void WriteLines(string path, IEnumerable<string> lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
    }

}
