namespace Botify.Security.Tests;

/// <summary>A small catalog in the reference file formats (100 tracks, 10 artists, a per-track table), for `Lab publish`.</summary>
internal static class TestCatalog
{
    public const int Tracks = 100;

    public static string Write()
    {
        var dir = Directory.CreateTempSubdirectory("botify-security-catalog-").FullName;
        File.WriteAllLines(Path.Combine(dir, "tracks.json"),
            Enumerable.Range(0, Tracks).Select(t => $"{{\"track\":{t},\"artist\":\"artist-{t / 10}\",\"title\":\"title-{t}\"}}"));
        File.WriteAllText(Path.Combine(dir, "top_tracks.json"), "[" + string.Join(",", Enumerable.Range(0, 10)) + "]");
        File.WriteAllLines(Path.Combine(dir, "recommendations_contextual.json"),
            Enumerable.Range(0, Tracks).Select(t => $"{{\"track\":{t},\"recommendations\":[{(t + 1) % Tracks},{(t + 2) % Tracks}]}}"));
        return dir;
    }
}
