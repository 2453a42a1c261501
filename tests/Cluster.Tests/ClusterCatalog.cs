using Botify.Contracts.Catalog;

namespace Botify.Cluster.Tests;

/// <summary>A plain catalog for cluster tests: tracks 0..<see cref="Tracks"/>-1, 50 artists, no tables (StickyArtist and the fallbacks serve).</summary>
internal static class ClusterCatalog
{
    public const int Tracks = 1_000;

    public static CatalogSnapshot Build()
    {
        var entries = new List<TrackEntry>(Tracks);
        for (var t = 0; t < Tracks; t++) entries.Add(new TrackEntry(t, $"artist {t % 50}", $"title {t}"));
        return new CatalogSnapshot("cluster-test", TrackCatalog.Build(entries), [0, 1, 2], new Dictionary<string, RecommendationTable>());
    }
}
