using System.Globalization;
using System.Text;
using Botify.Sim.World;

namespace Botify.Ops.Bench;

/// <summary>
/// Random tables in the reference formats standing in for trained models (the serving cost does not depend on their quality):
/// per-user gcf and lfm, per-track contextual, top tracks, the world's tracks.json, and tracks.txt (one id per line) for wrk.
/// Written once per (seed, users) and reused; a `.complete` marker says the folder is whole.
/// </summary>
public static class SyntheticTables
{
    public const string TrackList = "tracks.txt";
    private const string Complete = ".complete";

    /// <summary>The folder's state: "generated ..." or "using the tables in ...".</summary>
    public static string Ensure(string folder, string worldDir, int trackCount, BenchOptions options)
    {
        if (File.Exists(Path.Combine(folder, Complete))) return $"using the tables in {folder}";
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(worldDir, WorldFiles.Tracks), Path.Combine(folder, WorldFiles.Tracks));
        File.WriteAllLines(Path.Combine(folder, TrackList), Enumerable.Range(0, trackCount).Select(t => t.ToString(CultureInfo.InvariantCulture)));

        var random = new Random(options.Seed);
        foreach (var table in new[] { "gcf", "lfm" })
        {
            Write(Path.Combine(folder, $"recommendations_{table}.json"), options.Users, options.UserRowLength, trackCount, random, "user", "tracks");
        }
        Write(Path.Combine(folder, "recommendations_contextual.json"), trackCount, options.TrackRowLength, trackCount, random, "track", "recommendations");
        var top = Enumerable.Range(0, Math.Min(options.TopTracks, trackCount));
        File.WriteAllText(Path.Combine(folder, "top_tracks.json"), "[" + string.Join(',', top) + "]\n");
        File.WriteAllText(Path.Combine(folder, Complete), "");
        return $"generated per-user tables gcf, lfm ({options.Users:N0} × {options.UserRowLength}) "
            + $"and per-track contextual ({trackCount:N0} × {options.TrackRowLength}) in {folder}";
    }

    /// <summary>Rows {"key":k,"list":[...]} for keys 0..rows-1, each with <paramref name="length"/> random track ids.</summary>
    private static void Write(string path, int rows, int length, int trackCount, Random random, string key, string list)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        var line = new StringBuilder();
        for (var row = 0; row < rows; row++)
        {
            line.Clear().Append("{\"").Append(key).Append("\":").Append(row).Append(",\"").Append(list).Append("\":[");
            for (var i = 0; i < length; i++)
            {
                if (i > 0) line.Append(',');
                line.Append(random.Next(trackCount));
            }
            writer.Write(line.Append("]}\n"));
        }
    }
}
