using Botify.Contracts.AbTesting;
using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;
using Botify.Lab.Analysis;

namespace Botify.Lab.Tests.Analysis;

public sealed class AbAnalysisTests
{
    private static readonly ExperimentArm[] C = [new("AB", "C")];
    private static readonly ExperimentArm[] T1 = [new("AB", "T1")];

    private static LogEvent Next(int user, long ts, double time, ExperimentArm[] arm, double latency = 0.001) =>
        new(LogMessage.Next, ts, user, 1, time, latency, 2, arm);

    private static LogEvent Last(int user, long ts, double time, ExperimentArm[] arm, double latency = 0.001) =>
        new(LogMessage.Last, ts, user, 1, time, latency, null, arm);

    [Fact]
    public void User_metrics_sum_closed_sessions_and_average_latency_per_track_in_ms()
    {
        // user 1: session A = 3 tracks (time 1 + .5 + .25, latency 1+2+3 ms), session B = 2 tracks (time 1 + 0, 4+4 ms)
        var events = new[]
        {
            Next(1, 100, 1.0, C, 0.001), Next(1, 101, 0.5, C, 0.002), Last(1, 102, 0.25, C, 0.003),
            Next(1, 200, 1.0, C, 0.004), Last(1, 201, 0.0, C, 0.004),
            Next(2, 100, 1.0, C), Last(2, 101, 1.0, C),
            Next(3, 100, 1.0, T1), Last(3, 101, 1.0, T1),
            Next(4, 100, 1.0, T1), Last(4, 101, 1.0, T1),
        };

        var report = AbAnalysis.Analyse(events, "AB");
        var user1 = report.Users.Single(u => u.User == 1);

        Assert.Equal(2, user1.Sessions);
        Assert.Equal(5, user1.Tracks);
        Assert.Equal(2.75, user1.Time, 12);
        Assert.Equal(2.5, user1.MeanTracksPerSession, 12);
        Assert.Equal(1.375, user1.MeanTimePerSession, 12);
        Assert.Equal(14.0 / 5, user1.MeanRequestLatency, 9);
    }

    [Fact]
    public void Sessions_that_reach_the_cap_and_the_longest_session_are_counted_per_arm()
    {
        // cap of 2 recommendations = 3 tracks: user 1's 3-track session is capped, its 2-track one is not
        var events = new[]
        {
            Next(1, 1, 1.0, C), Next(1, 2, 1.0, C), Last(1, 3, 1.0, C),
            Next(1, 4, 1.0, C), Last(1, 5, 0.0, C),
            Next(2, 1, 1.0, T1), Last(2, 2, 0.0, T1),
        };

        var report = AbAnalysis.Analyse(events, "AB", cappedSessionTracks: 3);

        Assert.Equal(1, report.Arm("C").CappedSessions);
        Assert.Equal(0.5, report.Arm("C").CappedShare, 12);
        Assert.Equal(3, report.Arm("C").LongestSession);
        Assert.Equal(0, report.Arm("T1").CappedSessions);
        Assert.Equal(2, report.Arm("T1").LongestSession);
    }

    [Fact]
    public void Sessions_never_closed_are_excluded_and_counted_per_arm()
    {
        var events = new[]
        {
            Next(1, 1, 1.0, C), Last(1, 2, 0.5, C),
            Next(1, 3, 1.0, C), Next(1, 4, 0.9, C), // never closed
            Next(2, 1, 1.0, C), Last(2, 2, 0.5, C),
            Next(3, 1, 1.0, T1), // never closed, user 3 has no closed session at all
            Next(4, 1, 1.0, T1), Last(4, 2, 0.2, T1),
            Next(5, 1, 1.0, T1), Last(5, 2, 0.3, T1),
        };

        var report = AbAnalysis.Analyse(events, "AB");

        Assert.Equal(1, report.Arm("C").UnclosedSessions);
        Assert.Equal(2, report.Arm("C").UnclosedEvents);
        Assert.Equal(1, report.Arm("T1").UnclosedSessions);
        Assert.Equal(2, report.Arm("T1").Users);
        Assert.Equal(1.5, report.Users.Single(u => u.User == 1).Time, 12);
        Assert.DoesNotContain(report.Users, u => u.User == 3);
        Assert.Equal(2, report.UnclosedSessions);
    }

    [Fact]
    public void Events_out_of_order_are_sessionised_by_timestamp()
    {
        var ordered = new[] { Next(1, 10, 1.0, C), Last(1, 20, 0.3, C), Next(1, 30, 1.0, C), Next(1, 40, 0.8, C), Last(1, 50, 0.1, C) };
        var shuffled = new[] { ordered[4], ordered[1], ordered[3], ordered[0], ordered[2] };
        var others = new[] { Next(2, 1, 1, C), Last(2, 2, 1, C), Next(3, 1, 1, T1), Last(3, 2, 1, T1), Next(4, 1, 1, T1), Last(4, 2, 0, T1) };

        var a = AbAnalysis.Analyse(ordered.Concat(others), "AB").Users.Single(u => u.User == 1);
        var b = AbAnalysis.Analyse(shuffled.Concat(others), "AB").Users.Single(u => u.User == 1);

        Assert.Equal(2, b.Sessions);
        Assert.Equal(a, b);
        Assert.Equal(2.5, b.MeanTracksPerSession, 12);
    }

    [Fact]
    public void Equal_timestamps_keep_input_order()
    {
        // next then last at the same millisecond: one closed session of 2 tracks, then an unclosed one
        var events = new[] { Next(1, 5, 1.0, C), Last(1, 5, 0.4, C), Next(1, 5, 1.0, C), Next(2, 1, 1, C), Last(2, 1, 1, C) };

        var report = AbAnalysis.Analyse(events, "AB", control: "C");

        Assert.Equal(2, report.Users.Single(u => u.User == 1).Tracks);
        Assert.Equal(1, report.Arm("C").UnclosedSessions);
    }

    [Fact]
    public void A_user_in_two_arms_has_separate_sessions_per_arm()
    {
        // interleaved in time: the C session must not be closed by the T1 `last`
        var events = new[]
        {
            Next(1, 1, 1.0, C), Next(1, 2, 1.0, T1), Last(1, 3, 0.5, T1), Next(1, 4, 0.7, C), Last(1, 5, 0.2, C),
            Next(2, 1, 1, C), Last(2, 2, 1, C), Next(3, 1, 1, T1), Last(3, 2, 1, T1),
        };

        var report = AbAnalysis.Analyse(events, "AB");

        var inC = report.Users.Single(u => u.User == 1 && u.Arm == "C");
        var inT = report.Users.Single(u => u.User == 1 && u.Arm == "T1");
        Assert.Equal(3, inC.Tracks);
        Assert.Equal(1.9, inC.Time, 12);
        Assert.Equal(2, inT.Tracks);
        Assert.Equal(0, report.UnclosedSessions);
    }

    [Fact]
    public void Rows_follow_the_welch_formula_as_percent_of_control_mean()
    {
        // sessions of one track each, time = the listened share: users' mean_time_per_session is known
        var events = new List<LogEvent>();
        double[] controlTimes = [0.1, 0.2, 0.3, 0.4, 0.5];
        double[] treatmentTimes = [0.3, 0.4, 0.5, 0.6, 0.7];
        for (var i = 0; i < 5; i++)
        {
            events.Add(Last(i, 1, controlTimes[i], C));
            events.Add(Last(100 + i, 1, treatmentTimes[i], T1));
        }

        var row = AbAnalysis.Analyse(events, "AB").Row("T1", AbMetrics.MeanTimePerSession);

        // means 0.3 and 0.5, variances 0.025 each, n 5: se = 0.1, df = 8, t = 2.306004 (t-table)
        Assert.Equal(0.3, row.ControlMean, 12);
        Assert.Equal(0.5, row.TreatmentMean, 12);
        Assert.Equal((0.5 - 0.3) / 0.3 * 100, row.Effect, 9);
        Assert.Equal((0.2 - 2.306004 * 0.1) / 0.3 * 100, row.Lower, 3);
        Assert.Equal((0.2 + 2.306004 * 0.1) / 0.3 * 100, row.Upper, 3);
        Assert.False(row.Significant);
        Assert.Equal(8, row.DegreesOfFreedom, 9);
    }

    [Fact]
    public void Every_treatment_gets_a_row_per_metric()
    {
        ExperimentArm[] t2 = [new("AB", "T2")];
        var events = new List<LogEvent>();
        for (var u = 0; u < 30; u++)
        {
            var arm = u % 3 == 0 ? C : u % 3 == 1 ? T1 : t2;
            events.Add(Next(u, 1, 1, arm));
            events.Add(Last(u, 2, (u % 7) / 7.0, arm));
        }

        var report = AbAnalysis.Analyse(events, "AB");

        Assert.Equal(2 * AbMetrics.All.Count, report.Rows.Count);
        Assert.Equal(["C", "T1", "T2"], report.Arms.Select(a => a.Arm));
    }

    [Fact]
    public void Unknown_experiment_lists_the_experiments_found()
    {
        ExperimentArm[] other = [new("SESSION", "T1"), new("AB", "C")];
        var events = new[] { Next(1, 1, 1, C), Last(1, 2, 1, other) };

        var error = Assert.Throws<UnknownExperimentException>(() => AbAnalysis.Analyse(events, "NOPE"));

        Assert.Contains("AB (arms C)", error.Message);
        Assert.Contains("SESSION (arms T1)", error.Message);
        Assert.Equal(["AB", "SESSION"], error.Found.Keys.Order());
    }

    [Fact]
    public void Missing_control_arm_names_the_arms_and_the_option()
    {
        var events = new[] { Next(1, 1, 1, T1), Last(1, 2, 1, T1) };

        var error = Assert.Throws<UnknownExperimentException>(() => AbAnalysis.Analyse(events, "AB"));

        Assert.Contains("--control", error.Message);
        Assert.Contains("T1", error.Message);
    }
}
