using Botify.Contracts.AbTesting;

namespace Botify.Lab.Analysis;

/// <summary>
/// The A/B analysis of one experiment: a row per (treatment, metric), per-arm counts including
/// sessions never closed, and the per-user metrics the rows were computed from.
/// </summary>
public sealed record AbReport(
    string Experiment,
    string Control,
    double Confidence,
    IReadOnlyList<ArmSummary> Arms,
    IReadOnlyList<AbRow> Rows,
    IReadOnlyList<UserArmMetrics> Users,
    long EventsWithoutExperiment)
{
    public long ClosedSessions => Arms.Sum(a => a.ClosedSessions);
    public long UnclosedSessions => Arms.Sum(a => a.UnclosedSessions);
    public long UnclosedEvents => Arms.Sum(a => a.UnclosedEvents);

    /// <summary>The row of a treatment and metric; throws when the report has none.</summary>
    public AbRow Row(string treatment, string metric) =>
        Rows.FirstOrDefault(r => r.Treatment == treatment && r.Metric == metric)
        ?? throw new KeyNotFoundException($"no row for treatment '{treatment}', metric '{metric}' in experiment '{Experiment}'");

    public ArmSummary Arm(string arm) =>
        Arms.FirstOrDefault(a => a.Arm == arm)
        ?? throw new KeyNotFoundException($"no arm '{arm}' in experiment '{Experiment}'");
}
