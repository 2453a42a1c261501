using System.Collections.Concurrent;
using Botify.Contracts.Listening;
using Microsoft.Extensions.Options;

namespace Botify.Grains.Recommenders;

/// <summary>
/// Builds recommenders from the spec strings used in configuration: a name, and for
/// table-reading recommenders ":table" ("Random", "StickyArtist", "TopPop", "Indexed:gcf",
/// "Contextual:contextual", "Sequential:gcf", "Session", "SessionNeighbours" (= "SessionNeighbours:similar_artists"). Names are case-insensitive, table
/// names are not. One instance per spec, shared by every grain of the silo.
/// To add a recommender: write the class in this folder and add its line to <see cref="Kinds"/>.
/// </summary>
public sealed class RecommenderRegistry
{
    private static readonly RecommenderKind[] Kinds =
    [
        new("Random", NeedsTable: false, (_, r) => r.Random),
        new("StickyArtist", NeedsTable: false, (_, r) => r.StickyArtist),
        new("TopPop", NeedsTable: false, (_, r) => new TopPopRecommender(r.Options.TopPop, r.Random)),
        new("Indexed", NeedsTable: true, (table, r) => new IndexedRecommender(table, r.StickyArtist)),
        new("Contextual", NeedsTable: true, (table, r) => new ContextualRecommender(table, r.StickyArtist)),
        new("Sequential", NeedsTable: true, (table, r) => new SequentialRecommender(table, r.StickyArtist)),
        new("Session", NeedsTable: false, (_, r) => new SessionRecommender(r.Options.Session, r.Random)),
        new("SessionNeighbours", NeedsTable: true, (table, r) => new SessionNeighboursRecommender(table, r.Options.SessionNeighbours, r.Random),
            DefaultTable: "similar_artists"),
    ];

    private readonly ConcurrentDictionary<string, IRecommender> built = new(StringComparer.Ordinal);

    public RecommenderRegistry(IOptions<BotifyOptions> options)
        : this(options.Value)
    {
    }

    public RecommenderRegistry(BotifyOptions options)
    {
        Options = options;
        Random = new RandomRecommender();
        StickyArtist = new StickyArtistRecommender(Random);
    }

    public BotifyOptions Options { get; }

    /// <summary>The end of every fallback chain.</summary>
    public IRecommender Random { get; }

    /// <summary>The fallback of the table-reading recommenders.</summary>
    public IRecommender StickyArtist { get; }

    /// <summary>Every spec form this registry accepts, for error messages and docs.</summary>
    public static string ValidSpecs
        => string.Join(", ", Kinds.Select(k => !k.NeedsTable ? k.Name : k.DefaultTable is null ? $"{k.Name}:<table>" : $"{k.Name}[:<table>]"));

    /// <summary>The recommender for a spec; throws <see cref="ArgumentException"/> naming the spec and the valid ones.</summary>
    public IRecommender Get(string spec)
    {
        var (kind, table) = Parse(spec);
        var canonical = kind.NeedsTable ? $"{kind.Name}:{table}" : kind.Name;
        return built.GetOrAdd(canonical, _ => kind.Create(table, this));
    }

    /// <summary>Null when the spec is valid, else the message <see cref="Get"/> would throw.</summary>
    public static string? Check(string? spec)
    {
        try
        {
            Parse(spec);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    private static (RecommenderKind Kind, string Table) Parse(string? spec)
    {
        var text = spec?.Trim() ?? "";
        var colon = text.IndexOf(':');
        var name = colon < 0 ? text : text[..colon].Trim();
        var table = colon < 0 ? "" : text[(colon + 1)..].Trim();
        foreach (var kind in Kinds)
        {
            if (!string.Equals(kind.Name, name, StringComparison.OrdinalIgnoreCase)) continue;
            if (kind.NeedsTable && table.Length == 0 && colon < 0 && kind.DefaultTable is { } defaultTable) return (kind, defaultTable);
            if (kind.NeedsTable && table.Length == 0)
                throw new ArgumentException($"recommender \"{spec}\" needs a table: write \"{kind.Name}:<table>\", e.g. \"{kind.Name}:gcf\"");
            if (!kind.NeedsTable && colon >= 0)
                throw new ArgumentException($"recommender \"{spec}\" takes no table: write \"{kind.Name}\"");
            return (kind, table);
        }
        throw new ArgumentException($"unknown recommender \"{spec}\"; valid: {ValidSpecs}");
    }

    /// <summary>A kind of recommender; one with a <paramref name="DefaultTable"/> may be written without ":table".</summary>
    private sealed record RecommenderKind(string Name, bool NeedsTable, Func<string, RecommenderRegistry, IRecommender> Create, string? DefaultTable = null);
}
