namespace Botify.Lab.Analysis;

/// <summary>
/// One treatment vs control on one metric. <paramref name="Effect"/>, <paramref name="Upper"/> and
/// <paramref name="Lower"/> are percent of the control mean (Welch 95 % interval by default).
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
    int TreatmentUsers);
