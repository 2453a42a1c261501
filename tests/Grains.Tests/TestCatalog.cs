using Botify.Contracts.Catalog;

namespace Botify.Grains.Tests;

/// <summary>
/// A small hand-built catalog the test silos serve: tracks 0..299, artist of t = t / 10,
/// top tracks 299, 298, ...; per-user tables gcf (rows in 0..149) and lfm (rows in 150..299)
/// with gaps, and a per-track table contextual with gaps.
/// </summary>
internal static class TestCatalog
{
    public const int TrackCount = 300;

    public static readonly CatalogSnapshot Snapshot = Build();

    public static int ArtistOf(int track) => track / 10;

    /// <summary>Users with u % 10 == 9 have no gcf row.</summary>
    public static bool HasGcfRow(long user) => user % 10 != 9;

    /// <summary>Users with u % 10 == 8 have no lfm row.</summary>
    public static bool HasLfmRow(long user) => user % 10 != 8;

    /// <summary>Tracks with t % 5 == 4 have no contextual row.</summary>
    public static bool HasContextualRow(int track) => track % 5 != 4;

    public static int[] GcfRow(long user)
    {
        var start = (int)(user * 13 % 110);
        return Enumerable.Range(start, 40).ToArray();
    }

    public static int[] LfmRow(long user)
    {
        var start = 150 + (int)(user * 7 % 130);
        return Enumerable.Range(start, 20).ToArray();
    }

    public static int[] ContextualRow(int track) => Enumerable.Range(1, 10).Select(i => (track + i) % TrackCount).ToArray();

    private static CatalogSnapshot Build()
    {
        var tracks = TrackCatalog.Build(Enumerable.Range(0, TrackCount).Select(t => new TrackEntry(t, $"artist-{ArtistOf(t)}", $"title-{t}")));
        var top = Enumerable.Range(0, TrackCount).Reverse().ToArray();
        var users = Enumerable.Range(0, 2000);
        var gcf = users.Where(u => HasGcfRow(u)).ToDictionary(u => u, u => GcfRow(u));
        var lfm = users.Where(u => HasLfmRow(u)).ToDictionary(u => u, u => LfmRow(u));
        var contextual = Enumerable.Range(0, TrackCount).Where(HasContextualRow).ToDictionary(t => t, ContextualRow);
        return new CatalogSnapshot("test-1", tracks, top, new Dictionary<string, RecommendationTable>
        {
            ["gcf"] = new("gcf", TableKeyKind.User, gcf),
            ["lfm"] = new("lfm", TableKeyKind.User, lfm),
            ["contextual"] = new("contextual", TableKeyKind.Track, contextual),
        });
    }
}
