namespace Botify.Ops.Run;

/// <summary>An experiment as the gateway is configured with it: a name and, per arm (C, T1, ...), the recommender that serves it.</summary>
public sealed record ExperimentPlan(string Name, IReadOnlyList<(string Arm, string Recommender)> Arms)
{
    /// <summary>The configuration switches that make the gateway run it as its only experiment.</summary>
    public IReadOnlyList<string> Switches()
    {
        List<string> switches = [$"--Botify:Experiments:0:Name={Name}"];
        foreach (var (arm, recommender) in Arms) switches.Add($"--Botify:Experiments:0:Arms:{arm}={recommender}");
        return switches;
    }

    public string RecommenderOf(string arm)
    {
        foreach (var (name, recommender) in Arms)
        {
            if (name == arm) return recommender;
        }
        return arm;
    }

    /// <summary>"C = StickyArtist, T1 = Session".</summary>
    public string Describe() => string.Join(", ", Arms.Select(a => $"{a.Arm} = {a.Recommender}"));
}
