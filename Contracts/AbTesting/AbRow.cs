namespace Botify.Contracts.AbTesting;

/// <summary>
/// One treatment vs control on one metric. <paramref name="Effect"/>, <paramref name="Upper"/> and
/// <paramref name="Lower"/> are percent of the control mean (Welch 95 % interval by default);
/// <paramref name="SeqLower"/> and <paramref name="SeqUpper"/> the always-valid interval (<see cref="AlwaysValidInterval"/>),
/// also in percent of the control mean, never inside the Welch one.
/// </summary>
public sealed record AbRow(
    string Treatment,
    string Metric,
    double Effect,
    double Upper,
    double Lower,
    double ControlMean,
    double TreatmentMean,
    bool Significant,
    double DegreesOfFreedom,
    int ControlUsers,
    int TreatmentUsers,
    double SeqLower,
    double SeqUpper,
    bool SeqSignificant);
