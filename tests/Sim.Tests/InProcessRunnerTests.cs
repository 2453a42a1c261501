using System.Diagnostics;
using System.Text.Json;
using Botify.Contracts.Experiments;
using Botify.Sim.InProcess;
using Botify.Sim.Listening;

namespace Botify.Sim.Tests;

public sealed class InProcessRunnerTests
{
    [Fact]
    public void Writes_gateway_event_lines_with_the_services_arms_and_increasing_timestamps()
    {
        var world = TestWorlds.SmallWorld;
        var logs = TestWorlds.TempFolder("inproc");
        var summary = new InProcessRunner(world, new ListenerModelOptions()).Run("CALIBRATION", ["random", "sticky-artist"], logs, 500, 3);


        var files = Directory.GetFiles(logs, "*.jsonl");
        Assert.Equal(["events-sim-0001.jsonl"], files.Select(Path.GetFileName));
        var lastTimestamp = new Dictionary<int, long>();
        long lasts = 0, nexts = 0;
        foreach (var line in File.ReadLines(files[0]))
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            Assert.Equal(["message", "timestamp", "user", "track", "time", "latency", "recommendation", "experiments"],
                e.EnumerateObject().Select(p => p.Name));
            var user = e.GetProperty("user").GetInt32();
            var timestamp = e.GetProperty("timestamp").GetInt64();
            Assert.True(timestamp > lastTimestamp.GetValueOrDefault(user), "timestamps must increase per user");
            lastTimestamp[user] = timestamp;
            Assert.InRange(e.GetProperty("time").GetDouble(), 0, 1);
            Assert.True(e.GetProperty("latency").GetDouble() >= 0);
            Assert.Equal(ExperimentAssignment.ArmName(ExperimentAssignment.ArmIndex(user, "CALIBRATION", 2)),
                e.GetProperty("experiments").GetProperty("CALIBRATION").GetString());
            if (e.GetProperty("message").GetString() == "last")
            {
                lasts++;
                Assert.Equal(JsonValueKind.Null, e.GetProperty("recommendation").ValueKind);
            }
            else
            {
                nexts++;
                Assert.InRange(e.GetProperty("recommendation").GetInt32(), 0, world.TrackCount - 1);
            }
        }
        Assert.Equal(500, lasts);
        Assert.Equal(summary.Requests, lasts + nexts);
        Assert.Equal(500, summary.Episodes);
        Assert.Equal(2, summary.Arms.Count);
    }

    [Fact]
    public void A_second_run_into_the_same_folder_adds_a_file_that_starts_after_the_first()
    {
        var logs = TestWorlds.TempFolder("rerun");
        var runner = new InProcessRunner(TestWorlds.SmallWorld, new ListenerModelOptions());
        runner.Run("X", ["random", "sticky-artist"], logs, 50, 1);
        runner.Run("X", ["random", "sticky-artist"], logs, 50, 1);
        var first = File.ReadAllLines(Path.Combine(logs, "events-sim-0001.jsonl"));
        var second = File.ReadAllLines(Path.Combine(logs, "events-sim-0002.jsonl"));
        long Timestamp(string line) => JsonDocument.Parse(line).RootElement.GetProperty("timestamp").GetInt64();
        Assert.True(Timestamp(second[0]) > Timestamp(first[^1]));
    }

    [Fact]
    public void Same_seed_gives_the_same_episodes_and_another_seed_differs()
    {
        var runner = new InProcessRunner(TestWorlds.SmallWorld, new ListenerModelOptions());
        var a = runner.Run("X", ["random", "sticky-artist"], null, 300, 8);
        var b = runner.Run("X", ["random", "sticky-artist"], null, 300, 8);
        var c = runner.Run("X", ["random", "sticky-artist"], null, 300, 9);
        Assert.Equal(a.MeanReward, b.MeanReward);
        Assert.Equal(a.Requests, b.Requests);
        Assert.NotEqual(a.MeanReward, c.MeanReward);
    }

    [Fact]
    public void Without_a_cap_steps_minus_reward_equals_the_budget_in_expectation()
    {
        // Each recommendation spends budget with probability 1 − time, so E[steps − reward] = budget (7.05 − 2.05 = 5).
        var summary = new InProcessRunner(TestWorlds.SmallWorld, new ListenerModelOptions()).Run("X", ["random", "sticky-artist"], null, 6000, 4);
        foreach (var arm in summary.Arms)
        {
            var difference = arm.MeanSteps - arm.MeanReward;
            Assert.True(Math.Abs(difference - 5) < 3 * (arm.StepsSem + arm.RewardSem), $"arm {arm.Arm}: steps − reward = {difference:F3}");
        }
    }

    [Fact]
    public void Two_workers_write_the_same_lines_as_one_in_their_own_files()
    {
        var runner = new InProcessRunner(TestWorlds.SmallWorld, new ListenerModelOptions());
        var one = TestWorlds.TempFolder("one-worker");
        var two = TestWorlds.TempFolder("two-workers");
        var a = runner.Run("X", ["random", "sticky-artist"], one, 400, 5);
        var b = runner.Run("X", ["random", "sticky-artist"], two, 400, 5, workers: 2);
        Assert.Equal(["events-sim1-0001.jsonl", "events-sim2-0001.jsonl"], Directory.GetFiles(two, "*.jsonl").Select(Path.GetFileName).Order());
        Assert.Equal(a.MeanReward, b.MeanReward);
        Assert.Equal(a.Requests, b.Requests);

        // The same lines but the latency (a measured time) and the timestamp's origin (the clock ends at the run's start).
        static List<string> Lines(string folder)
        {
            var lines = new List<string>();
            foreach (var file in Directory.GetFiles(folder, "*.jsonl"))
            {
                foreach (var line in File.ReadLines(file))
                {
                    var e = JsonDocument.Parse(line).RootElement;
                    lines.Add($"{e.GetProperty("user")} {e.GetProperty("message")} {e.GetProperty("track")} {e.GetProperty("time")} " +
                        $"{e.GetProperty("recommendation")}");
                }
            }
            lines.Sort(StringComparer.Ordinal);
            return lines;
        }
        Assert.Equal(Lines(one), Lines(two));
    }

    [Fact]
    public void Arms_must_be_C_T1_in_order_with_known_policies()
    {
        Assert.Equal(["random", "sticky-artist"], PolicyCatalog.ParseArms("C=random,T1=sticky-artist"));
        Assert.Contains("T1", Assert.Throws<ArgumentException>(() => PolicyCatalog.ParseArms("C=random,T2=random")).Message);
        Assert.Contains("sticky-artist", Assert.Throws<ArgumentException>(() => PolicyCatalog.ParseArms("C=random,T1=best")).Message);
    }
}
