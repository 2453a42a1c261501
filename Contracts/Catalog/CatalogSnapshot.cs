using System.Collections.Frozen;

namespace Botify.Contracts.Catalog;

/// <summary>
/// One immutable version of every shared table a silo serves from: the track catalog,
/// top tracks and the named recommendation tables. Swapped whole, never mutated, so a
/// request that started on one version finishes on it.
/// </summary>
public sealed class CatalogSnapshot
{
    public static readonly CatalogSnapshot Empty = new(
        "none", TrackCatalog.Empty, [], FrozenDictionary<string, RecommendationTable>.Empty);

    public CatalogSnapshot(
        string version,
        TrackCatalog tracks,
        int[] topTracks,
        IReadOnlyDictionary<string, RecommendationTable> tables)
    {
        Version = version;
        Tracks = tracks;
        TopTracks = topTracks;
        Tables = tables.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The version id this snapshot was loaded from ("none" before any publish).</summary>
    public string Version { get; }

    public TrackCatalog Tracks { get; }

    /// <summary>Most popular tracks first (the reference `top_tracks.json`).</summary>
    public int[] TopTracks { get; }

    /// <summary>Recommendation tables by name (`recommendations_&lt;name&gt;.json` → `name`).</summary>
    public FrozenDictionary<string, RecommendationTable> Tables { get; }

    public bool IsEmpty => Tracks.Count == 0;

    public RecommendationTable? Table(string name) => Tables.GetValueOrDefault(name);
}
