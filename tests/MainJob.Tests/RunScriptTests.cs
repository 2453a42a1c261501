using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Botify.Contracts.Experiments;
using Xunit.Abstractions;

namespace Botify.MainJob.Tests;

/// <summary>
/// Runs the real main job (`./run.sh`) end to end on a small world with short days: build
/// outputs, world, service on a throwaway Redis, day 1 (in-process by default, and over HTTP), training, publish, day 2, A/B report.
/// The outcome figures are the real run's business (README); this checks the job works.
/// </summary>
public sealed class RunScriptTests(ITestOutputHelper output)
{
    [Fact]
    public void Run_sh_runs_every_stage_on_a_small_world_with_day_1_in_process_and_writes_a_report_with_every_treatment()
    {
        var repo = RepositoryRoot();
        var outDir = TempOut();
        try
        {
            var (code, log, seconds) = RunJob(repo,
                "--no-build", "--seed", "3", "--world-tracks", "3000", "--world-artists", "300", "--world-listeners", "600",
                "--day1-episodes", "1500", "--episodes", "1000", "--out", outDir, "--keep-logs");
            output.WriteLine(log.Length > 20_000 ? log[^20_000..] : log);
            output.WriteLine($"run.sh took {seconds:0} s");

            Assert.True(code == 0, $"run.sh exited with {code}; see the output above");
            AssertEveryStage(log);
            Assert.Contains("==> 4/7 day 1: 1,500 sessions in-process", log);
            Assert.Matches(@"day-1 log: [0-9]+ files, [0-9,]+ MB \([0-9,]+ lines\)", log);
            Assert.Contains("the gateway loads it at its start", log); // published before the day-2 gateway starts

            // Training does what day 2 reads, on all of day 1: no ALS/UB tables, no hold-out, no offline evaluation.
            Assert.Contains("--models LFM,LGCF,SimilarArtists --similar-two-hop 0 --holdout 0 --holdout-sessions 0", log);
            Assert.Contains("train: no evaluation", log);
            var tables = Path.Combine(outDir, "tables");
            Assert.True(File.Exists(Path.Combine(tables, "recommendations_lfm.json")));
            Assert.True(File.Exists(Path.Combine(tables, "recommendations_similar_artists.json")));
            Assert.False(File.Exists(Path.Combine(tables, "recommendations_als.json")) || File.Exists(Path.Combine(tables, "recommendations_ub.json")),
                "ALS/UB are trained only with --train-models all");

            // Day 1 as the gateway would have logged it: a file per worker, every episode closed by a `last`, arms by the service's assignment.
            var day1 = Path.Combine(outDir, "logs", "day1");
            Assert.All(Directory.GetFiles(day1, "*.jsonl"), f => Assert.Matches(@"^events-sim[0-9]*-0001\.jsonl$", Path.GetFileName(f)));
            long lasts = 0;
            foreach (var file in Directory.GetFiles(day1, "*.jsonl"))
            {
                foreach (var line in File.ReadLines(file))
                {
                    var e = JsonDocument.Parse(line).RootElement;
                    var arm = e.GetProperty("experiments").GetProperty("DAY1").GetString();
                    Assert.Equal(ExperimentAssignment.ArmName(ExperimentAssignment.ArmIndex(e.GetProperty("user").GetInt64(), "DAY1", 2)), arm);
                    if (e.GetProperty("message").GetString() == "last") lasts++;
                }
            }
            Assert.Equal(1500, lasts);
            AssertReport(outDir, log, ["T1", "T2", "T3"]);
            Assert.Matches(@"T2 against T1[^\n]*\n  T2 SessionNeighbours: mean_time_per_session [+-][0-9.]+ % \[[^\n]* vs T1 Session",
                log.ReplaceLineEndings("\n"));
        }
        finally
        {
            DeleteQuietly(outDir);
        }
    }

    [Fact]
    public void Run_sh_plays_a_world_given_in_the_course_simulators_files_and_names_a_broken_one()
    {
        var repo = RepositoryRoot();
        var dir = Path.Combine(Path.GetTempPath(), "botify-mainjob-course-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            // As a course user would hold it: tracks.json, tracks.npy and users.json, no world.json (made here with `sim world` + `sim export`).
            var generated = Path.Combine(dir, "generated");
            var course = Path.Combine(dir, "course");
            Sim(repo, "world", "--seed", "4", "--tracks", "2000", "--artists", "200", "--listeners", "400", "--out", generated);
            Sim(repo, "export", "--world", generated, "--format", "reference", "--out", course);
            Assert.Equal(["tracks.json", "tracks.npy", "users.json"], Directory.GetFiles(course).Select(Path.GetFileName).Order());

            var outDir = Path.Combine(dir, "run");
            var (code, log, seconds) = RunJob(repo, "--no-build", "--world", course, "--day1-episodes", "800", "--episodes", "500", "--out", outDir);
            output.WriteLine(log.Length > 20_000 ? log[^20_000..] : log);
            output.WriteLine($"run.sh --world (course files) took {seconds:0} s");
            Assert.True(code == 0, $"run.sh exited with {code}; see the output above");
            Assert.Contains($"world (folder {course})", log);
            Assert.Contains("2,000 tracks of 200 artists, dimension 64, 400 listeners", log);
            var csv = File.ReadAllLines(Path.Combine(outDir, "report", "ab.csv"));
            Assert.Contains(csv, line => line.StartsWith("T2,mean_time_per_session,", StringComparison.Ordinal));

            var users = Path.Combine(course, "users.json");
            File.WriteAllLines(users, ["{\"user\": 0, \"interests\": [5, 999999]}"]);
            (code, log, _) = RunJob(repo, "--no-build", "--world", course, "--day1-episodes", "10", "--episodes", "10", "--out", outDir);
            Assert.Equal(1, code);
            Assert.Contains($"{users} line 1: user 0's interest 999999 is not a track of tracks.json (ids 0..1999)", log);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static void Sim(string repo, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(repo, "Sim", "bin", "Release", "net10.0", "Sim.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"sim {string.Join(' ', args)} exited with {process.ExitCode}: {stderr}{stdout.Result}");
    }

    [Fact]
    public void Run_sh_collects_day_1_through_the_service_with_day1_via_http_and_drops_its_log_after_training()
    {
        var repo = RepositoryRoot();
        var outDir = TempOut();
        try
        {
            var (code, log, seconds) = RunJob(repo,
                "--no-build", "--seed", "4", "--world-tracks", "2000", "--world-artists", "200", "--world-listeners", "400",
                "--day1-episodes", "600", "--episodes", "600", "--out", outDir, "--day1-via", "http");
            output.WriteLine(log.Length > 20_000 ? log[^20_000..] : log);
            output.WriteLine($"run.sh took {seconds:0} s");

            Assert.True(code == 0, $"run.sh exited with {code}; see the output above");
            AssertEveryStage(log);
            Assert.Contains("==> 4/7 day 1: 600 sessions over HTTP", log);
            Assert.Contains("the service now serves catalog version", log); // hot swap after training
            Assert.Matches(@"dropped day 1's log \([0-9,]+ MB; --keep-logs keeps it\)", log);
            Assert.False(Directory.Exists(Path.Combine(outDir, "logs", "day1")), "day 1's log is dropped after training without --keep-logs");
            AssertReport(outDir, log, ["T1", "T2", "T3"]);
        }
        finally
        {
            DeleteQuietly(outDir);
        }
    }

    [Fact]
    public void Run_sh_refuses_an_unknown_day1_via_and_names_the_choices()
    {
        var (code, log, _) = RunJob(RepositoryRoot(), "--no-build", "--day1-via", "carrier-pigeon");
        Assert.Equal(2, code);
        Assert.Contains("--day1-via carrier-pigeon: use in-process or http", log);
    }

    [Fact]
    public void Run_sh_refuses_train_models_that_leave_out_a_table_day_2_reads_and_names_it()
    {
        var (code, log, _) = RunJob(RepositoryRoot(), "--no-build", "--train-models", "LFM,LGCF");
        Assert.Equal(2, code);
        Assert.Contains("--train-models LFM,LGCF: day 2 reads SimilarArtists's table", log);

        (code, log, _) = RunJob(RepositoryRoot(), "--no-build", "--train-models", "LFM,LGCF,SimilarArtists,Word2Vec");
        Assert.Equal(2, code);
        Assert.Contains("unknown model 'Word2Vec'", log);
    }

    private static void AssertEveryStage(string log)
    {
        for (var stage = 1; stage <= 7; stage++)
        {
            Assert.Contains($"==> {stage}/7", log);
        }
        Assert.Equal(7, Regex.Matches(log, @"^    done in [0-9]+s$", RegexOptions.Multiline).Count); // every stage timed
        Assert.Matches(@"Total: +[0-9]+s", log);
        Assert.Matches(@"Disk: +[0-9,]+ MB in ", log);
    }

    private static void AssertReport(string outDir, string log, string[] arms)
    {
        var report = Path.Combine(outDir, "report");
        var csv = File.ReadAllLines(Path.Combine(report, "ab.csv"));
        Assert.Equal("treatment,metric,effect,upper,lower,control_mean,treatment_mean,significant", csv[0]);
        foreach (var arm in arms)
        {
            var row = csv.Single(line => line.StartsWith($"{arm},mean_time_per_session,", StringComparison.Ordinal)).Split(',');
            var effect = double.Parse(row[2], CultureInfo.InvariantCulture);
            var upper = double.Parse(row[3], CultureInfo.InvariantCulture);
            var lower = double.Parse(row[4], CultureInfo.InvariantCulture);
            Assert.True(lower <= effect && effect <= upper, $"{arm}: effect {effect} outside [{lower}, {upper}]");
            Assert.Matches($"{arm} [A-Za-z:_]+: mean_time_per_session [+-][0-9.]+ % \\[.* vs StickyArtist .*, [0-9.]+×\\)", log); // the verdict line
            Assert.Contains($"| {arm} |", File.ReadAllText(Path.Combine(report, "ab.md")));
            Assert.Matches($"  {arm} [A-Za-z:_]+: live [+-][0-9.]+ % \\[.*always-valid \\[.*; Lab ab [+-][0-9.]+ % \\[", log); // live next to it
        }

        // The service's live figures at the end of day 2: every closed session Lab ab counts is in the aggregate.
        Assert.Contains("Live figures (GET /experiments/DAY2 at the end of day 2)", log);
        var sessions = Regex.Match(log, "closed sessions: live ([0-9,]+), Lab ab ([0-9,]+)");
        Assert.True(sessions.Success, "no closed-sessions line in the live figures");
        Assert.Equal(sessions.Groups[2].Value, sessions.Groups[1].Value);
        Assert.DoesNotContain("still short after 30 s", log);
        Assert.Contains("\"rows\"", File.ReadAllText(Path.Combine(report, "live.json")));
        Assert.Contains("T3 Indexed:gcf: mean_time_per_session", log);
        var png = File.ReadAllBytes(Path.Combine(report, "ab.png"));
        Assert.True(png.Length > 1000 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', "ab.png is not a PNG");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(outDir, "logs", "day2"), "*.jsonl"));
        Assert.True(File.Exists(Path.Combine(outDir, "tables", "recommendations_gcf.json")));
    }

    private static string TempOut() => Path.Combine(Path.GetTempPath(), "botify-mainjob-" + Guid.NewGuid().ToString("N")[..8]);

    private static void DeleteQuietly(string dir)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static (int Code, string Log, double Seconds) RunJob(string repo, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(repo, "run.sh"));
        foreach (var a in args) start.ArgumentList.Add(a);
        var log = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(TimeSpan.FromMinutes(6)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("run.sh did not finish in 6 minutes:\n" + log);
        }
        process.WaitForExit();
        lock (log) return (process.ExitCode, log.ToString(), watch.Elapsed.TotalSeconds);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("cannot find the repository (Orleans.sln) above " + AppContext.BaseDirectory);
    }
}
