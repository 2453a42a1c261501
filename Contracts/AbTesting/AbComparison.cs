namespace Botify.Contracts.AbTesting;

/// <summary>
/// The row of one treatment vs control on one metric, from the two arms' per-user moments: effect
/// (mean_T − mean_C) / mean_C and both intervals in % of the control mean. `Lab ab` (moments of every
/// user's value) and the live view (moments from running sums) build their rows here.
/// </summary>
public static class AbComparison
{
    public static AbRow Compare(string treatment, string metric, SampleMoments control, SampleMoments treated,
        double confidence = 0.95, int plannedUsers = AlwaysValidInterval.DefaultPlannedUsers)
    {
        var welch = WelchInterval.Of(control, treated, confidence);
        var always = AlwaysValidInterval.Of(welch, control.Count + treated.Count, confidence, plannedUsers);
        var percent = 100.0 / control.Mean;
        return new AbRow(treatment, metric,
            welch.Difference * percent, welch.Upper * percent, welch.Lower * percent,
            control.Mean, treated.Mean, welch.ExcludesZero, welch.DegreesOfFreedom, control.Count, treated.Count,
            always.Lower * percent, always.Upper * percent, always.ExcludesZero);
    }

    /// <summary>
    /// Every treatment's rows against <paramref name="control"/>, treatments in <see cref="OrderArms"/> order and
    /// metrics in <see cref="AbMetrics.All"/> order (the order of `Lab ab`'s table).
    /// </summary>
    public static List<AbRow> Rows(ArmSums control, IEnumerable<ArmSums> arms,
        double confidence = 0.95, int plannedUsers = AlwaysValidInterval.DefaultPlannedUsers)
    {
        var byName = arms.ToDictionary(a => a.Arm, StringComparer.Ordinal);
        var rows = new List<AbRow>();
        foreach (var name in OrderArms(byName.Keys))
        {
            if (name == control.Arm) continue;
            var treated = byName[name];
            for (var m = 0; m < AbMetrics.All.Count; m++)
            {
                rows.Add(Compare(name, AbMetrics.All[m], control.Moments(m), treated.Moments(m), confidence, plannedUsers));
            }
        }
        return rows;
    }

    /// <summary>C first, then T1, T2, ..., T10 (by length, then name).</summary>
    public static IEnumerable<string> OrderArms(IEnumerable<string> arms) =>
        arms.OrderBy(a => a == "C" ? 0 : 1).ThenBy(a => a.Length).ThenBy(a => a, StringComparer.Ordinal);
}
