namespace Botify.Gateway.Tests;

/// <summary>
/// A small catalog in the reference file formats, written to a temporary folder: tracks
/// 0..199, artist of t = t / 10 ("artist-N"), a per-track table "contextual" with rows
/// for even tracks only, and per-user tables so the session recommender has lists.
/// </summary>
internal static class TestCatalogFolder
{
    public const int TrackCount = 200;

    public static int ArtistOf(int track) => track / 10;

    public static bool HasContextualRow(int track) => track % 2 == 0;

    public static int[] ContextualRow(int track) => [(track + 1) % TrackCount, (track + 3) % TrackCount, (track + 5) % TrackCount];

    public static string Write()
    {
        var dir = Directory.CreateTempSubdirectory("botify-gw-catalog-").FullName;
        using (var tracks = new StreamWriter(Path.Combine(dir, "tracks.json")))
        {
            for (var t = 0; t < TrackCount; t++) tracks.WriteLine($"{{\"track\":{t},\"artist\":\"artist-{ArtistOf(t)}\",\"title\":\"title-{t}\"}}");
        }
        File.WriteAllText(Path.Combine(dir, "top_tracks.json"), "[" + string.Join(",", Enumerable.Range(0, 20)) + "]");
        using (var contextual = new StreamWriter(Path.Combine(dir, "recommendations_contextual.json")))
        {
            for (var t = 0; t < TrackCount; t += 2) contextual.WriteLine($"{{\"track\":{t},\"recommendations\":[{string.Join(",", ContextualRow(t))}]}}");
        }
        foreach (var table in new[] { "lgcf", "lfm" })
        {
            using var rows = new StreamWriter(Path.Combine(dir, $"recommendations_{table}.json"));
            for (var u = 0; u < 100; u++) rows.WriteLine($"{{\"user\":{u},\"tracks\":[{string.Join(",", Enumerable.Range((u * 7) % 150, 30))}]}}");
        }
        return dir;
    }
}
