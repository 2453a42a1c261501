namespace Botify.Contracts.AbTesting;

/// <summary>
/// One arm's running figures over its users' closed-session tallies: users, sessions, tracks, and per metric of
/// <see cref="AbMetrics.All"/> the count, sum and sum of squares of the per-user values. A user's contribution is
/// replaced by removing the old tally and adding the new one.
/// </summary>
public sealed class ArmSums(string arm)
{
    public string Arm { get; } = arm;

    /// <summary>Users with at least one closed session.</summary>
    public int Users { get; private set; }

    public long Sessions { get; private set; }

    public long Tracks { get; private set; }

    /// <summary>Σ of each metric's per-user values, in <see cref="AbMetrics.All"/> order.</summary>
    public double[] Sums { get; } = new double[AbMetrics.All.Count];

    /// <summary>Σ of the squares of each metric's per-user values, in <see cref="AbMetrics.All"/> order.</summary>
    public double[] SumsOfSquares { get; } = new double[AbMetrics.All.Count];

    /// <summary>Adds a user's tally (one without a closed session adds nothing).</summary>
    public void Add(UserArmTally user) => Apply(user, +1);

    /// <summary>Removes a tally added before.</summary>
    public void Remove(UserArmTally user) => Apply(user, -1);

    /// <summary>Adds another part of the same arm (e.g. another shard's).</summary>
    public void Add(int users, long sessions, long tracks, IReadOnlyList<double> sums, IReadOnlyList<double> sumsOfSquares)
    {
        Users += users;
        Sessions += sessions;
        Tracks += tracks;
        for (var m = 0; m < Sums.Length; m++)
        {
            Sums[m] += sums[m];
            SumsOfSquares[m] += sumsOfSquares[m];
        }
    }

    /// <summary>Size, mean and variance of the metric at <paramref name="metric"/> of <see cref="AbMetrics.All"/>.</summary>
    public SampleMoments Moments(int metric) => SampleMoments.FromSums(Users, Sums[metric], SumsOfSquares[metric]);

    private void Apply(UserArmTally user, int sign)
    {
        if (user.Sessions == 0) return;
        Users += sign;
        Sessions += sign * user.Sessions;
        Tracks += sign * user.Tracks;
        for (var m = 0; m < Sums.Length; m++)
        {
            var value = user.Metric(m);
            Sums[m] += sign * value;
            SumsOfSquares[m] += sign * value * value;
        }
    }
}
