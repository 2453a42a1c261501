using System.Text.Json.Serialization;

namespace Botify.Contracts.AbTesting;

/// <summary>
/// A user's tally in one experiment (kept in their state for the live view): the arm, the tally, and the versions of
/// the contribution — <see cref="Version"/> grows with each closed session, <see cref="Sent"/> is the last version the
/// experiment's aggregate confirmed, so a version not yet confirmed is sent again (the aggregate ignores what it has).
/// </summary>
public sealed class UserExperimentTally
{
    [JsonPropertyName("experiment")]
    public string Experiment { get; set; } = "";

    [JsonPropertyName("arm")]
    public string Arm { get; set; } = "";

    [JsonPropertyName("version")]
    public long Version { get; set; }

    [JsonPropertyName("sent")]
    public long Sent { get; set; }

    [JsonPropertyName("tally")]
    public UserArmTally Tally { get; set; } = new();

    /// <summary>True when a closed session has not been confirmed by the aggregate yet.</summary>
    [JsonIgnore]
    public bool Pending => Version > Sent;
}
