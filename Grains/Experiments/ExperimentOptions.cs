namespace Botify.Grains.Experiments;

/// <summary>One configured experiment: its name (the hash seed) and the recommender spec of each arm.</summary>
public sealed class ExperimentOptions
{
    public string Name { get; set; } = "";

    /// <summary>Arm name (C, T1, T2, ...) → recommender spec; the split is the number of arms.</summary>
    public Dictionary<string, string> Arms { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
