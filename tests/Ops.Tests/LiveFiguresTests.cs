using Botify.Contracts.AbTesting;
using Botify.Lab.Analysis;
using Botify.Ops.Run;

namespace Botify.Ops.Tests;

public sealed class LiveFiguresTests
{
    private const string Json = """
        {"experiment":"DAY2","arms":[{"arm":"C","recommender":"StickyArtist","users":2,"sessions":3,"tracks":20},
          {"arm":"T1","recommender":"Session","users":2,"sessions":4,"tracks":22}],
         "rows":[{"treatment":"T1","metric":"time","effect":1,"lower":0,"upper":2,"control_mean":1,"treatment_mean":1,"significant":true,
                  "seq_lower":-1,"seq_upper":3,"seq_significant":false},
                 {"treatment":"T1","metric":"mean_time_per_session","effect":-34.71,"lower":-37.52,"upper":-31.84,"control_mean":3.04,
                  "treatment_mean":1.98,"significant":true,"seq_lower":-40.12,"seq_upper":-29.3,"seq_significant":true}]}
        """;

    [Fact]
    public void Parses_the_closed_sessions_and_the_time_per_session_rows()
    {
        var live = LiveFigures.Parse(Json);

        Assert.Equal(7, live.Sessions);
        var row = Assert.Single(live.Rows);
        Assert.Equal(("T1", -34.71, -40.12, true), (row.Treatment, row.Effect, row.SeqLower, row.SeqSignificant));
    }

    [Fact]
    public void Prints_each_treatment_next_to_lab_ab_and_null_figures_as_not_available()
    {
        var plan = new ExperimentPlan("DAY2", [("C", "StickyArtist"), ("T1", "Session")]);
        var report = new AbReport("DAY2", "C", 0.95,
            [new ArmSummary("C", 2, 3, 20, 0, 0, 9, 0), new ArmSummary("T1", 2, 4, 22, 0, 0, 9, 0)],
            [new AbRow("T1", Verdict.Metric, -34.70, -31.80, -37.50, 3.04, 1.98, true, 100, 2, 2, -40.0, -29.0, true)], [], 0);

        var lines = LiveFigures.Parse(Json).Lines(report, plan).ToList();

        Assert.Equal("  closed sessions: live 7, Lab ab 7", lines[0]);
        Assert.Equal("  T1 Session: live -34.7 % [-37.5, -31.8] significant, always-valid [-40.1, -29.3] significant; Lab ab -34.7 % [-37.5, -31.8]", lines[1]);
        var empty = LiveFigures.Parse(Json.Replace("\"seq_lower\":-40.12", "\"seq_lower\":null")).Lines(report, plan).Last();
        Assert.Contains("always-valid [n/a, -29.3]", empty);
    }
}
