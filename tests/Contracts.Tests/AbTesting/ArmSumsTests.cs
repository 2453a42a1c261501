using Botify.Contracts.AbTesting;

namespace Botify.Contracts.Tests.AbTesting;

public sealed class ArmSumsTests
{
    private static UserArmTally Tally(params (double Time, double LatencyMs, bool Last)[] plays)
    {
        var tally = new UserArmTally();
        foreach (var (time, latency, last) in plays)
        {
            tally.Play(time, latency);
            if (last) tally.CloseSession();
        }
        return tally;
    }

    [Fact]
    public void A_tally_gives_the_user_metrics_over_closed_sessions_only()
    {
        // Session 1: 3 tracks, time 1 + 0.5 + 0.25, latency 2 + 4 + 6 ms; session 2: 1 track; then an open play.
        var tally = Tally((1, 2, false), (0.5, 4, false), (0.25, 6, true), (1, 8, true), (0.9, 100, false));

        Assert.Equal(2, tally.Sessions);
        Assert.Equal(4, tally.Tracks);
        Assert.Equal(1, tally.OpenTracks);
        Assert.Equal(2.75, tally.Metric(AbMetrics.Time), 12);
        Assert.Equal(2, tally.Metric(AbMetrics.Sessions));
        Assert.Equal(2, tally.Metric(AbMetrics.MeanTracksPerSession), 12);
        Assert.Equal(1.375, tally.Metric(AbMetrics.MeanTimePerSession), 12);
        Assert.Equal(5, tally.Metric(AbMetrics.MeanRequestLatency), 12);
        Assert.Throws<ArgumentException>(() => tally.Metric("tracks"));
    }

    [Fact]
    public void Sums_give_the_same_moments_as_two_passes_and_a_replaced_tally_leaves_no_trace()
    {
        var random = new Random(3);
        var arm = new ArmSums("C");
        var tallies = new List<UserArmTally>();
        for (var u = 0; u < 500; u++)
        {
            var plays = new List<(double, double, bool)>();
            var sessions = 1 + random.Next(4);
            for (var s = 0; s < sessions; s++)
            {
                var tracks = 1 + random.Next(12);
                for (var k = 0; k < tracks; k++) plays.Add((Math.Round(random.NextDouble(), 2), 0.5 + 3 * random.NextDouble(), k == tracks - 1));
            }
            var tally = Tally([.. plays]);
            tallies.Add(tally);
            arm.Add(tally);
        }
        // Replace 100 users' contributions with their next session, then compare with the final tallies read anew.
        for (var u = 0; u < 100; u++)
        {
            var old = tallies[u].Closed();
            tallies[u].Play(0.7, 1.5);
            tallies[u].Play(0.2, 2.5);
            tallies[u].CloseSession();
            arm.Remove(old);
            arm.Add(tallies[u]);
        }

        Assert.Equal(500, arm.Users);
        Assert.Equal(tallies.Sum(t => t.Sessions), arm.Sessions);
        Assert.Equal(tallies.Sum(t => t.Tracks), arm.Tracks);
        for (var m = 0; m < AbMetrics.All.Count; m++)
        {
            var twoPass = SampleMoments.Of(tallies.Select(t => t.Metric(m)).ToArray());
            var sums = arm.Moments(m);
            Assert.Equal(twoPass.Count, sums.Count);
            Assert.Equal(twoPass.Mean, sums.Mean, 10);
            Assert.Equal(twoPass.Variance, sums.Variance, 8);
        }
    }

    [Fact]
    public void Rows_order_treatments_and_metrics_as_lab_ab()
    {
        var arms = new[] { "T10", "T2", "C", "T1" }.Select(a => new ArmSums(a)).ToList();
        var random = new Random(5);
        foreach (var arm in arms)
        {
            for (var u = 0; u < 20; u++) arm.Add(Tally((random.NextDouble(), 1 + random.NextDouble(), true)));
        }

        var rows = AbComparison.Rows(arms[2], arms);

        Assert.Equal(["T1", "T2", "T10"], rows.Select(r => r.Treatment).Distinct());
        Assert.Equal(AbMetrics.All, rows.Take(5).Select(r => r.Metric));
    }
}
