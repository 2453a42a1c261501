using System.Text.Json.Serialization;
using Botify.Contracts.AbTesting;

namespace Botify.Gateway;

/// <summary>
/// One row of `GET /experiments/{name}`: the fields and metric names of `Lab ab`'s ab.csv (effect and bounds in % of
/// the control mean; null, never left out, where an arm has too few users), plus the always-valid interval (seq_*).
/// </summary>
public sealed record ExperimentRowResponse(
    [property: JsonPropertyName("treatment")] string Treatment,
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("effect"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Effect,
    [property: JsonPropertyName("lower"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Lower,
    [property: JsonPropertyName("upper"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Upper,
    [property: JsonPropertyName("control_mean"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? ControlMean,
    [property: JsonPropertyName("treatment_mean"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? TreatmentMean,
    [property: JsonPropertyName("significant")] bool Significant,
    [property: JsonPropertyName("seq_lower"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? SeqLower,
    [property: JsonPropertyName("seq_upper"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? SeqUpper,
    [property: JsonPropertyName("seq_significant")] bool SeqSignificant)
{
    public static ExperimentRowResponse Of(AbRow row) => new(
        row.Treatment, row.Metric, Finite(row.Effect), Finite(row.Lower), Finite(row.Upper), Finite(row.ControlMean), Finite(row.TreatmentMean),
        row.Significant, Finite(row.SeqLower), Finite(row.SeqUpper), row.SeqSignificant);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
