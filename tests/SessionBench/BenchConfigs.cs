using Botify.Grains;
using Botify.Lab.Training;
using Microsoft.Extensions.Configuration;

namespace Botify.SessionBench;

/// <summary>Named configurations (spec + options) the bench can play on day 2.</summary>
public static class BenchConfigs
{
    public static SimilarArtistsOptions SimilarArtists { get; set; } = SimilarArtistsOptions.Defaults;

    private static readonly Dictionary<string, (string Spec, Action<BotifyOptions> Configure)> Configs = new(StringComparer.Ordinal)
    {
        ["sticky"] = ("StickyArtist", _ => { }
        ),
        ["random"] = ("Random", _ => { }
        ),
        ["session"] = ("Session", _ => { }
        ),
        ["neighbours"] = ("SessionNeighbours:similar_artists", _ => { }
        ),
        ["indexed-gcf"] = ("Indexed:gcf", _ => { }
        ),
        ["indexed-lfm"] = ("Indexed:lfm", _ => { }
        ),
        ["indexed-als"] = ("Indexed:als", _ => { }
        ),
        ["indexed-ub"] = ("Indexed:ub", _ => { }
        ),
        ["contextual"] = ("Contextual:contextual", _ => { }
        ),
        // Orientation only, never a default of the service: the seed's Session on perfect per-user lists.
        ["oracle-lists"] = ("Session", options =>
        {
            foreach (var method in options.Session.Tables.Keys.ToArray()) options.Session.Tables[method] = OracleLists.TableName;
            options.Session.FallbackTable = OracleLists.TableName;
        }
        ),
        ["oracle-indexed"] = ($"Indexed:{OracleLists.TableName}", _ => { }
        ),
        ["neighbours-gcf"] = ("SessionNeighbours:similar_artists_gcf", _ => { }
        ),
        ["neighbours-lfm"] = ("SessionNeighbours:similar_artists_lfm", _ => { }
        ),
        ["neighbours-notable"] = ("SessionNeighbours:none", _ => { }
        ),
        ["oracle"] = ("SessionNeighbours:oracle_artists", _ => { }
        ),
    };

    /// <summary>What the bench plays unless --configs says otherwise.</summary>
    public static readonly string[] Standard =
        ["sticky", "random", "session", "neighbours", "indexed-gcf", "indexed-lfm", "indexed-als", "indexed-ub", "contextual", "oracle-lists"];

    /// <summary>Configurations that read perfect lists or true-embedding tables: reference lines, never models.</summary>
    public static bool IsOracle(string label) => label.StartsWith("oracle", StringComparison.Ordinal);

    /// <summary>The offline model whose table a configuration plays (the name `Lab train` evaluates it under), or null.</summary>
    public static string? OfflineModel(string label) => label switch
    {
        "indexed-gcf" => "LGCF",
        "indexed-lfm" => "LFM",
        "indexed-als" => "ALS",
        "indexed-ub" => "UB",
        "contextual" => "Contextual",
        _ => null,
    };

    public static IEnumerable<string> Names => Configs.Keys;

    /// <summary>
    /// A named configuration, or an ad-hoc one: "label=Spec;Section:Key=value;..." with keys under
    /// Botify (e.g. "t1-a=Session;Session:Thresholds:lgcf=0.5;Session:SampleSize=5").
    /// </summary>
    public static (string Spec, Action<BotifyOptions> Configure) Get(string name)
    {
        if (Configs.TryGetValue(name, out var config)) return config;
        var equals = name.IndexOf('=');
        if (equals < 0) throw new ArgumentException($"unknown configuration '{name}'; --list shows them, or write label=Spec;Key=value;...");
        var parts = name[(equals + 1)..].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < parts.Length; i++)
        {
            var kv = parts[i].Split('=', 2);
            values["Botify:" + kv[0]] = kv[1];
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return (parts[0], options => configuration.GetSection("Botify").Bind(options));
    }

    /// <summary>The label of a configuration (the part before '=' of an ad-hoc one).</summary>
    public static string Label(string name) => name.IndexOf('=') is var i and >= 0 ? name[..i] : name;
}
