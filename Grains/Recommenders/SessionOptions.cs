using Botify.Contracts.Listening;

namespace Botify.Grains.Recommenders;

/// <summary>
/// Options of the seed's session recommender (Botify:Session), defaults as the seed:
/// thresholds lgcf 0.35, lfm 0.30, lgcf_m 0.35; back counts 4, 2, 4; start lgcf.
/// </summary>
public sealed class SessionOptions
{
    /// <summary>The method a new user starts with.</summary>
    public string StartMethod { get; set; } = ListenerStateRules.DefaultStartMethod;

    /// <summary>Comma-separated method order; after the last comes the first again.</summary>
    public string Cycle { get; set; } = "lgcf,lfm,lgcf_m";

    /// <summary>A play with time below the method's threshold is a failure; time == threshold is a success.</summary>
    public Dictionary<string, double> Thresholds { get; set; } = new(StringComparer.Ordinal)
    {
        ["lgcf"] = 0.35,
        ["lfm"] = 0.30,
        ["lgcf_m"] = 0.35,
    };

    /// <summary>Consecutive failures after which the method is left for the next one in the cycle.</summary>
    public Dictionary<string, int> BackCounts { get; set; } = new(StringComparer.Ordinal)
    {
        ["lgcf"] = 4,
        ["lfm"] = 2,
        ["lgcf_m"] = 4,
    };

    /// <summary>Per-user recommendation table each method reads (the lab writes recommendations_gcf.json and recommendations_lfm.json).</summary>
    public Dictionary<string, string> Tables { get; set; } = new(StringComparer.Ordinal)
    {
        ["lgcf"] = "gcf",
        ["lfm"] = "lfm",
        ["lgcf_m"] = "gcf",
    };

    /// <summary>Whether a method drops tracks already in the history (true) or samples the whole list (false, the seminar's Indexed LGCF).</summary>
    public Dictionary<string, bool> SkipPlayed { get; set; } = new(StringComparer.Ordinal)
    {
        ["lgcf"] = true,
        ["lfm"] = true,
        ["lgcf_m"] = false,
    };

    /// <summary>With <see cref="SkipPlayed"/>, the answer is uniform among this many first unplayed tracks of the list.</summary>
    public int SampleSize { get; set; } = 15;

    /// <summary>When the method's list yields nothing: random from the user's list in this table, then a random track.</summary>
    public string FallbackTable { get; set; } = "gcf";
}
