using System.Diagnostics;
using Botify.Contracts.AbTesting;
using Botify.Contracts.EventLog;
using Botify.Lab.Analysis;
using Botify.Sim.InProcess;
using Botify.Sim.Listening;
using Botify.Sim.World;
using Xunit.Abstractions;

namespace Botify.Sim.Tests;

/// <summary>
/// The world is calibrated against SIM_AND_AB.md's table: Random and StickyArtist, 20,000 sessions per
/// arm, user-level metrics with Welch intervals, measured with the Lab's A/B analysis on the event
/// log the in-process run writes. Full-size worlds; seed 42 is the default world.
/// </summary>
public sealed class CalibrationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(42)]
    [InlineData(7)]
    [InlineData(2026)]
    public void Random_and_sticky_artist_land_in_every_calibration_window(long seed)
    {
        var clock = Stopwatch.StartNew();
        var world = seed == new WorldOptions().Seed ? TestWorlds.DefaultWorld : WorldGenerator.Generate(new WorldOptions { Seed = seed });
        var generated = clock.Elapsed;
        var logs = TestWorlds.TempFolder($"calibration-{seed}");
        clock.Restart();
        var summary = new InProcessRunner(world, new ListenerModelOptions()).Run("CALIBRATION", ["random", "sticky-artist"], logs, 40_000, seed);
        var played = clock.Elapsed;
        var report = AbAnalysis.Analyse(EventLogReader.Read(logs).Events, "CALIBRATION");
        var tracks = report.Row("T1", AbMetrics.MeanTracksPerSession);
        var time = report.Row("T1", AbMetrics.MeanTimePerSession);
        var control = report.Arm("C");
        var treatment = report.Arm("T1");

        output.WriteLine($"world seed {seed}: generated in {generated.TotalSeconds:F1} s; 40,000 in-process episodes in {played.TotalSeconds:F1} s; " +
                         $"sessions C {control.ClosedSessions:N0} ({control.Users:N0} users), T1 {treatment.ClosedSessions:N0} " +
                             $"({treatment.Users:N0} users); capped {summary.CapHitShare:P2}");
        output.WriteLine("| metric | Random (C) | StickyArtist (T1) | effect | 95 % interval | window |");
        output.WriteLine("|---|---|---|---|---|---|");
        output.WriteLine($"| mean_tracks_per_session | {tracks.ControlMean:F3} | {tracks.TreatmentMean:F3} | {tracks.Effect:+0.0;-0.0} % | " +
            $"[{tracks.Lower:F1}, {tracks.Upper:F1}] | C 6.5..7.5, effect +8..+20 % |");
        output.WriteLine($"| mean_time_per_session | {time.ControlMean:F3} | {time.TreatmentMean:F3} | {time.Effect:+0.0;-0.0} % | " +
            $"[{time.Lower:F1}, {time.Upper:F1}] | C 1.85..2.25, effect +35..+55 % |");

        Assert.InRange(tracks.ControlMean, 6.5, 7.5);
        Assert.InRange(time.ControlMean, 1.85, 2.25);
        Assert.InRange(time.Effect, 35, 55);
        Assert.True(time.Significant && time.Lower > 0);
        Assert.InRange(tracks.Effect, 8, 20);
        Assert.True(tracks.Significant && tracks.Lower > 0);
        Assert.InRange(control.ClosedSessions, 18_000, 22_000);
        Assert.Equal(0, report.UnclosedSessions);
        Assert.Equal(0, summary.CapHitShare);
    }

    [Fact]
    public void Ten_thousand_in_process_episodes_take_under_ten_seconds()
    {
        var world = TestWorlds.DefaultWorld;
        var logs = TestWorlds.TempFolder("speed");
        var clock = Stopwatch.StartNew();
        var summary = new InProcessRunner(world, new ListenerModelOptions()).Run("SPEED", ["random", "sticky-artist"], logs, 10_000, 1);
        clock.Stop();
        output.WriteLine($"10,000 in-process episodes ({summary.Requests:N0} events logged) in {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(10_000, summary.Episodes);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed.TotalSeconds:F1} s");
    }
}
