using System.Globalization;
using System.Text;
using Botify.Contracts.Catalog;

namespace Botify.Silo.Tests;

/// <summary>Deterministic test catalogs, in memory or as a folder of reference files; every part carries its generation so a mix is detectable.</summary>
internal static class TestCatalogs
{
    /// <summary>A catalog whose titles, top list and rows all derive from <paramref name="generation"/>.</summary>
    public static CatalogSnapshot Build(int generation, int tracks = 2_000, int users = 500, int perUser = 20, int perTrack = 10)
    {
        var entries = new List<TrackEntry>(tracks);
        for (var t = 0; t < tracks; t++) entries.Add(new TrackEntry(t, $"Artist {t % 97}", $"g{generation} title {t}"));
        var top = new int[Math.Min(100, tracks)];
        for (var i = 0; i < top.Length; i++) top[i] = (i * 7 + generation) % tracks;
        var userRows = new Dictionary<int, int[]>();
        for (var u = 0; u < users; u++) userRows[u] = Row(u, generation, perUser, tracks);
        var trackRows = new Dictionary<int, int[]>();
        for (var t = 0; t < tracks; t++) trackRows[t] = Row(t + 1_000_000, generation, perTrack, tracks);
        return new CatalogSnapshot(
            $"test-g{generation}",
            TrackCatalog.Build(entries),
            top,
            new Dictionary<string, RecommendationTable>
            {
                ["lgcf"] = new("lgcf", TableKeyKind.User, userRows),
                ["i2i"] = new("i2i", TableKeyKind.Track, trackRows),
            });
    }

    /// <summary>The generation every part of the snapshot was built from; throws when parts disagree.</summary>
    public static int GenerationOf(CatalogSnapshot snapshot)
    {
        var title = snapshot.Tracks.TitleOf(0);
        var generation = int.Parse(title[1..title.IndexOf(' ')], CultureInfo.InvariantCulture);
        var tracks = snapshot.Tracks.Count;
        if (snapshot.TopTracks[1] != (7 + generation) % tracks) throw new InvalidOperationException("top list from another generation");
        if (!snapshot.Table("lgcf")!.TryGetRow(3, out var row) || !row.AsSpan().SequenceEqual(Row(3, generation, row.Length, tracks)))
        {
            throw new InvalidOperationException("lgcf row from another generation");
        }
        if (!snapshot.Table("i2i")!.TryGetRow(5, out var trackRow) || trackRow[0] != Row(1_000_005, generation, 1, tracks)[0])
        {
            throw new InvalidOperationException("i2i row from another generation");
        }
        if (!snapshot.Tracks.TitleOf(tracks - 1).StartsWith($"g{generation} ",
            StringComparison.Ordinal)) throw new InvalidOperationException("titles from two generations");
        return generation;
    }

    /// <summary>Writes the reference files: tracks.json, top_tracks.json, per-user and per-track tables.</summary>
    public static void WriteFolder(string directory, int tracks, int userTables, int users, int perUser, int perTrack, int seed = 42)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        var line = new StringBuilder(1024);
        using (var writer = new StreamWriter(Path.Combine(directory, "tracks.json")))
        {
            for (var t = 0; t < tracks; t++) writer.Write($"{{\"track\":{t},\"artist\":\"Artist {t % 5000}\",\"title\":\"Title {t}\"}}\n");
        }
        var top = new int[Math.Min(1000, tracks)];
        for (var i = 0; i < top.Length; i++) top[i] = i * (tracks / top.Length);
        File.WriteAllText(Path.Combine(directory, "top_tracks.json"), "[" + string.Join(", ", top) + "]");
        for (var table = 0; table < userTables; table++)
        {
            using var writer = new StreamWriter(Path.Combine(directory, $"recommendations_user{table}.json"));
            for (var u = 0; u < users; u++) writer.Write(RowLine(line, "user", u, "tracks", perUser, tracks, random));
        }
        if (perTrack > 0)
        {
            using var writer = new StreamWriter(Path.Combine(directory, "recommendations_i2i.json"));
            for (var t = 0; t < tracks; t++) writer.Write(RowLine(line, "track", t, "recommendations", perTrack, tracks, random));
        }
    }

    public static void AssertSameContent(CatalogSnapshot expected, CatalogSnapshot actual)
    {
        Assert.Equal(expected.Tracks.AllTracks, actual.Tracks.AllTracks);
        foreach (var track in expected.Tracks.AllTracks)
        {
            Assert.Equal(expected.Tracks.TitleOf(track), actual.Tracks.TitleOf(track));
            Assert.Equal(expected.Tracks.ArtistName(expected.Tracks.ArtistOf(track)), actual.Tracks.ArtistName(actual.Tracks.ArtistOf(track)));
            Assert.Equal(expected.Tracks.ArtistOf(track), actual.Tracks.ArtistOf(track));
        }
        Assert.Equal(expected.TopTracks, actual.TopTracks);
        Assert.Equal(expected.Tables.Keys.Order(), actual.Tables.Keys.Order());
        foreach (var (name, table) in expected.Tables)
        {
            var other = actual.Tables[name];
            Assert.Equal(table.KeyKind, other.KeyKind);
            Assert.Equal(table.RowCount, other.RowCount);
            foreach (var (key, row) in table.Rows)
            {
                Assert.True(other.TryGetRow(key, out var otherRow), $"table {name} lacks key {key}");
                Assert.Equal(row, otherRow);
            }
        }
    }

    private static int[] Row(int key, int generation, int length, int tracks)
    {
        var row = new int[length];
        for (var k = 0; k < length; k++) row[k] = (int)(((long)key * 31 + k * 17 + generation) % tracks);
        return row;
    }

    private static string RowLine(StringBuilder line, string keyField, int key, string listField, int length, int tracks, Random random)
    {
        line.Clear().Append("{\"").Append(keyField).Append("\":").Append(key).Append(",\"").Append(listField).Append("\":[");
        for (var k = 0; k < length; k++)
        {
            if (k > 0) line.Append(", ");
            line.Append(random.Next(tracks));
        }
        return line.Append("]}\n").ToString();
    }
}
