using System.Text.Json.Serialization;
using Botify.Contracts.AbTesting;

namespace Botify.Gateway;

/// <summary>
/// One row of `GET /experiments/{name}`: the fields and metric names of `Lab ab`'s ab.csv (effect and bounds in % of
/// the control mean; null where an arm has too few users), plus the always-valid interval (seq_*).
/// </summary>
public sealed record ExperimentRowResponse(
    [property: JsonPropertyName("treatment")] string Treatment,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("effect")] double? Effect,
    [property: JsonPropertyName("lower")] double? Lower,
    [property: JsonPropertyName("upper")] double? Upper,
    [property: JsonPropertyName("control_mean")] double? ControlMean,
    [property: JsonPropertyName("treatment_mean")] double? TreatmentMean,
    [property: JsonPropertyName("significant")] bool Significant,
    [property: JsonPropertyName("seq_lower")] double? SeqLower,
    [property: JsonPropertyName("seq_upper")] double? SeqUpper,
    [property: JsonPropertyName("seq_significant")] bool SeqSignificant)
{
    public static ExperimentRowResponse Of(AbRow row) => new(
        row.Treatment, row.Metric, Finite(row.Effect), Finite(row.Lower), Finite(row.Upper), Finite(row.ControlMean), Finite(row.TreatmentMean),
        row.Significant, Finite(row.SeqLower), Finite(row.SeqUpper), row.SeqSignificant);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
