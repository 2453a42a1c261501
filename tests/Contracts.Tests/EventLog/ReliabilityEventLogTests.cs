using System.Diagnostics;
using System.Text;
using Botify.Contracts.EventLog;
using Botify.TestSupport;
using Xunit.Abstractions;

namespace Botify.Contracts.Tests.EventLog;

/// <summary>
/// Corrupt, truncated and hostile event logs: the reader skips and counts every bad line with file, line
/// and reason, and never throws anything but its one-line folder error.
/// </summary>
public sealed class ReliabilityEventLogTests(ITestOutputHelper output)
{
    private static readonly string[] Tokens =
    [
        "null", "true", "[]", "{}", "[1]", "{\"a\":[{}]}", "\"7\"", "-1", "2147483648", "99999999999999999999", "1e400", "NaN",
        "\"user\":1", "\"track\":2", "\"time\":0.5", ",", ":", "{", "}", "\"", "\\", "\n", "\r", "\0", "\u00e9", "\"\\ud800\"",
    ];


    [Fact]
    public void Mutated_log_files_are_read_line_by_line_exactly_as_each_line_parses_alone()
    {
        const int seed = 20261127;
        var count = int.TryParse(Environment.GetEnvironmentVariable("BOTIFY_LOG_FUZZ_COUNT"), out var c) ? c : 20_000;
        const int maxLineBytes = 4096;
        var random = new Random(seed);
        using var folder = new TempFolder();
        var files = new List<string>();
        var untouched = 0;
        for (var f = 0; f < 4; f++)
        {
            var path = Path.Combine(folder.Path, $"gw-{f}", $"events-gw-{f}-0001.jsonl");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var file = new FileStream(path, FileMode.Create);
            for (var i = 0; i < count / 4; i++)
            {
                var line = Encoding.UTF8.GetBytes(ValidLine(random, i)).ToList();
                var edits = random.Next(4);
                if (edits == 0) untouched++;
                for (var e = 0; e < edits; e++) Mutate(line, random, maxLineBytes);
                file.Write(line.ToArray());
                if (f != 3 || i != count / 4 - 1) file.WriteByte((byte)'\n'); // the last file ends mid-line: a truncated write
            }
            files.Add(path);
        }

        var clock = Stopwatch.StartNew();
        var log = EventLogReader.Read(folder.Path, maxLineBytes);
        clock.Stop();

        // The oracle: split every file on '\n' and parse each line alone.
        long expectedEvents = 0, expectedMalformed = 0;
        string? firstMalformed = null;
        foreach (var path in files.Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(path);
            var number = 0;
            foreach (var line in Split(bytes))
            {
                number++;
                if (line.AsSpan().Trim(" \t\r"u8).IsEmpty) continue;
                string? reason = null;
                var ok = line.Length <= maxLineBytes && EventLogReader.ParseLine(line, out reason) is not null;
                if (ok)
                {
                    expectedEvents++;
                    continue;
                }
                expectedMalformed++;
                firstMalformed ??= $"{path}:{number}: {(line.Length > maxLineBytes ? $"line longer than {maxLineBytes:N0} bytes" : reason)}";
            }
        }

        output.WriteLine($"seed {seed}: {count:N0} lines ({untouched:N0} left valid) in 4 files, read in {clock.Elapsed.TotalMilliseconds:F0} ms: " +
            $"{log.Summary()}");
        Assert.Equal(expectedEvents, log.Events.Count);
        Assert.Equal(expectedMalformed, log.Malformed);
        Assert.Equal(firstMalformed, log.FirstMalformed);
        Assert.True(log.Events.Count >= untouched, $"{untouched} lines were left valid, only {log.Events.Count} read");
        Assert.True(log.Malformed > count / 2, "most mutations should break a line");
        Assert.All(log.Events, e => Assert.True(e.User >= 0 && e.Track >= 0 && e.Time is >= 0 and <= 1 && e.Timestamp >= 0));
    }

    private static string ValidLine(Random random, int i) => random.Next(5) == 0
        ? EventLines.Last(random.Next(1000), random.Next(5000), Math.Round(random.NextDouble(), 2), 1_764_277_200_000L + i)
        : EventLines.Next(random.Next(1000), random.Next(5000), Math.Round(random.NextDouble(), 2), 1_764_277_200_000L + i);

    private static void Mutate(List<byte> line, Random random, int maxLineBytes)
    {
        var at = line.Count == 0 ? 0 : random.Next(line.Count);
        switch (random.Next(8))
        {
            case 0 when line.Count > 0: line[at] = (byte)random.Next(256); break; // invalid UTF-8 and control bytes included
            case 1 when line.Count > 0: line.RemoveAt(at); break;
            case 2: line.RemoveRange(at, line.Count - at); break; // truncated
            case 3: line.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)])); break;
            case 4:
                line.InsertRange(line.Count > 0 ? line.Count - 1 : 0,
                Encoding.UTF8.GetBytes($",\"{(random.Next(2) == 0 ? "user" : "x")}\":{Tokens[random.Next(Tokens.Length)]}")); break;
            case 5 when random.Next(50) == 0: line.InsertRange(at, Enumerable.Repeat((byte)'[', maxLineBytes + random.Next(3 * maxLineBytes))); break; // huge
            case 6: line.InsertRange(at, Encoding.UTF8.GetBytes(new string('[', 70) + new string(']', 70))); break; // deeper than the reader's 64 levels
            default: line.InsertRange(at, line.GetRange(at, random.Next(0, line.Count - at + 1))); break; // duplicated slice
        }
    }

    private static IEnumerable<byte[]> Split(byte[] bytes)
    {
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != (byte)'\n') continue;
            yield return bytes[start..i];
            start = i + 1;
        }
        if (start < bytes.Length) yield return bytes[start..];
    }
}
