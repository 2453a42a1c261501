using Botify.Contracts.AbTesting;
using Botify.Contracts.EventLog;
using Botify.Lab.Analysis;
using Botify.Sim.InProcess;
using Botify.Sim.Listening;
using Botify.Sim.World;
using Xunit.Abstractions;

namespace Botify.Sim.Tests.Course;

/// <summary>
/// The default world exported to the course's files and read back as a course world (interest neighbours recomputed from
/// tracks.npy) still lands in SIM_AND_AB.md's calibration windows: the checks of <see cref="CalibrationTests"/>.
/// </summary>
public sealed class ExportedWorldCalibrationTests(ITestOutputHelper output)
{
    [Fact]
    public void The_default_world_played_from_its_course_files_lands_in_every_calibration_window()
    {
        var course = TestWorlds.TempFolder("course-world-42");
        CourseWorldFiles.Write(TestWorlds.DefaultWorld, course);
        var world = WorldFiles.Load(course);
        Assert.False(File.Exists(Path.Combine(course, WorldFiles.Manifest)));

        var logs = TestWorlds.TempFolder("course-calibration-42");
        var summary = new InProcessRunner(world, new ListenerModelOptions()).Run("CALIBRATION", ["random", "sticky-artist"], logs, 40_000, 42);
        var report = AbAnalysis.Analyse(EventLogReader.Read(logs).Events, "CALIBRATION");
        var tracks = report.Row("T1", AbMetrics.MeanTracksPerSession);
        var time = report.Row("T1", AbMetrics.MeanTimePerSession);
        output.WriteLine($"course files of world 42: Random {tracks.ControlMean:F3} tracks / {time.ControlMean:F3} time per session; StickyArtist " +
                         $"{time.Effect:+0.0} % time [{time.Lower:F1}, {time.Upper:F1}], {tracks.Effect:+0.0} % tracks [{tracks.Lower:F1}, {tracks.Upper:F1}]");

        Assert.InRange(tracks.ControlMean, 6.5, 7.5);
        Assert.InRange(time.ControlMean, 1.85, 2.25);
        Assert.InRange(time.Effect, 35, 55);
        Assert.True(time.Significant && time.Lower > 0);
        Assert.InRange(tracks.Effect, 8, 20);
        Assert.True(tracks.Significant && tracks.Lower > 0);
        Assert.Equal(0, report.UnclosedSessions);
        Assert.Equal(0, summary.CapHitShare);
    }
}
