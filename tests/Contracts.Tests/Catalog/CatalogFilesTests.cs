using Botify.Contracts.Catalog;

namespace Botify.Contracts.Tests.Catalog;

public sealed class CatalogFilesTests : IDisposable
{
    private const string Tracks = """
        {"track":0,"artist":"A","title":"zero"}
        {"track":1,"artist":"A","title":"one"}
        {"track":2,"artist":"B","title":"two"}
        {"track":3,"artist":"C","title":"three"}
        {"track":5,"artist":"B","title":"five"}

        """;

    private readonly string directory = Path.Combine(Path.GetTempPath(), "botify-files-" + Guid.NewGuid().ToString("N")[..8]);

    public CatalogFilesTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Folder_in_the_reference_formats_reads_back_every_value()
    {
        Write("tracks.json", Tracks);
        Write("top_tracks.json", "[5, 0, 3]");
        Write("recommendations_lgcf.json", "{\"user\":17,\"tracks\":[5,1,1]}\n{\"user\":4,\"tracks\":[]}\n");
        Write("recommendations_i2i.json", "{\"track\":2,\"recommendations\":[0,3]}\r\n\r\n{\"recommendations\":[2],\"track\":5,\"score\":0.5}");

        var catalog = CatalogFiles.Read(directory, "v-test");

        Assert.Equal("v-test", catalog.Version);
        Assert.Equal([0, 1, 2, 3, 5], catalog.Tracks.AllTracks);
        Assert.False(catalog.Tracks.Contains(4));
        Assert.Equal("B", catalog.Tracks.ArtistName(catalog.Tracks.ArtistOf(5)));
        Assert.Equal("five", catalog.Tracks.TitleOf(5));
        Assert.Equal([2, 5], catalog.Tracks.TracksOfArtist(catalog.Tracks.ArtistOf(2)));
        Assert.Equal([5, 0, 3], catalog.TopTracks);
        var lgcf = catalog.Table("lgcf")!;
        Assert.Equal(TableKeyKind.User, lgcf.KeyKind);
        Assert.True(lgcf.TryGetRow(17, out var row));
        Assert.Equal([5, 1, 1], row);
        Assert.True(lgcf.TryGetRow(4, out var empty));
        Assert.Empty(empty);
        var i2i = catalog.Table("i2i")!;
        Assert.Equal(TableKeyKind.Track, i2i.KeyKind);
        Assert.Equal(2, i2i.RowCount);
        Assert.True(i2i.TryGetRow(5, out var similar));
        Assert.Equal([2], similar);
    }

    [Fact]
    public void Folder_without_top_tracks_or_tables_gives_an_empty_top_list()
    {
        Write("tracks.json", "\uFEFF" + Tracks.Replace("\n", "\r\n"));

        var catalog = CatalogFiles.Read(directory);

        Assert.Equal(5, catalog.Tracks.Count);
        Assert.Empty(catalog.TopTracks);
        Assert.Empty(catalog.Tables);
    }

    [Theory]
    [InlineData("{\"track\":0,\"artist\":\"A\",\"title\":\"x\"}\n{\"track\":1,\"artist\":\"A\",", 2, "bad JSON")]
    [InlineData("{\"track\":0,\"artist\":\"A\",\"title\":\"x\"}\n\n{\"track\":1 \"artist\":\"A\",\"title\":\"y\"}", 3, "bad JSON at byte")]
    [InlineData("[0,\"A\",\"x\"]", 1, "expected a JSON object {\"track\":int,\"artist\":str,\"title\":str}, got a list")]
    [InlineData("{\"track\":0,\"title\":\"x\"}", 1, "missing field \"artist\"")]
    [InlineData("{\"track\":\"7\",\"artist\":\"A\",\"title\":\"x\"}", 1, "track must be an integer id, got the string \"7\"")]
    [InlineData("{\"track\":-3,\"artist\":\"A\",\"title\":\"x\"}", 1, "track -3 is negative")]
    [InlineData("{\"track\":4294967296,\"artist\":\"A\",\"title\":\"x\"}", 1, "track 4294967296 does not fit in 32 bits")]
    [InlineData("{\"track\":1.5,\"artist\":\"A\",\"title\":\"x\"}", 1, "track must be a whole number, got 1.5")]
    [InlineData("{\"track\":2000000000,\"artist\":\"A\",\"title\":\"x\"}", 1, "track 2000000000 is above the limit")]
    [InlineData("{\"track\":0,\"artist\":null,\"title\":\"x\"}", 1, "\"artist\" must be a string, got null")]
    [InlineData("{\"track\":0,\"track\":1,\"artist\":\"A\",\"title\":\"x\"}", 1, "field \"track\" appears twice")]
    [InlineData("{\"track\":0,\"artist\":\"A\",\"title\":\"x\"} {\"track\":1}", 1, "bad JSON")]
    [InlineData(
        "{\"track\":4,\"artist\":\"A\",\"title\":\"x\"}\n{\"track\":9,\"artist\":\"A\",\"title\":\"y\"}\n{\"track\":4,\"artist\":\"B\",\"title\":\"z\"}", 3,
        "track 4 is already listed on line 1")]
    public void Malformed_tracks_file_is_rejected_with_line_and_reason(string content, int line, string reason) =>
        AssertRejected("tracks.json", content, line, reason);

    [Theory]
    [InlineData("{\"track\":3}", 1, "expected one JSON list of track ids like [3, 17, 5], got an object")]
    [InlineData("[0,\n 1,\n 4]", 3, "track 4 is not in tracks.json")]
    [InlineData("[0, 1, 0]", 1, "track 0 appears twice in the top list")]
    [InlineData("[0, \"1\"]", 1, "top track must be an integer id, got the string \"1\"")]
    [InlineData("[0, 1", 1, "bad JSON")]
    [InlineData("[0] [1]", 1, "bad JSON")]
    [InlineData("  \n", 0, "file is empty")]
    public void Malformed_top_tracks_file_is_rejected_with_line_and_reason(string content, int line, string reason)
    {
        Write("tracks.json", Tracks);
        AssertRejected("top_tracks.json", content, line, reason);
    }

    [Theory]
    [InlineData("{\"user\":1,\"tracks\":[0]}\n{\"track\":2,\"recommendations\":[0]}", 2,
        "this row is per-track {\"track\",\"recommendations\"} but line 1 made the table per-user")]
    [InlineData("{\"user\":1,\"tracks\":[0, 4]}", 1, "track 4 in \"tracks\" is not in tracks.json")]
    [InlineData("{\"track\":4,\"recommendations\":[0]}", 1, "track 4 is not in tracks.json; a per-track row needs a catalog track")]
    [InlineData("{\"user\":1,\"tracks\":[0]}\n{\"user\":2,\"tracks\":[1]}\n{\"user\":1,\"tracks\":[2]}", 3, "user 1 already has a row earlier in the file")]
    [InlineData("{\"track\":1,\"recommendations\":[0]}\n{\"track\":1,\"recommendations\":[2]}", 2, "track 1 already has a row")]
    [InlineData("{\"user\":-1,\"tracks\":[0]}", 1, "user -1 is negative")]
    [InlineData("{\"user\":2147483648,\"tracks\":[0]}", 1, "user 2147483648 does not fit in 32 bits")]
    [InlineData("{\"user\":1}", 1, "missing field \"tracks\"")]
    [InlineData("{\"user\":1,\"tracks\":5}", 1, "\"tracks\" must be a list of track ids, got 5")]
    [InlineData("{\"user\":1,\"recommendations\":[0]}", 1, "mixes per-user fields")]
    [InlineData("{\"item\":1,\"list\":[0]}", 1, "neither \"user\" nor \"track\"")]
    [InlineData("{\"user\":1,\"tracks\":[0,[1]]}", 1, "track in \"tracks\" must be an integer id, got a list")]
    [InlineData("\n\n", 0, "no rows: the file is empty")]
    public void Malformed_table_file_is_rejected_with_line_and_reason(string content, int line, string reason)
    {
        Write("tracks.json", Tracks);
        AssertRejected("recommendations_t.json", content, line, reason);
    }

    [Fact]
    public void Line_over_the_size_limit_is_rejected_before_it_is_buffered_whole()
    {
        Write("tracks.json", Tracks);
        Write("recommendations_t.json", "{\"user\":1,\"tracks\":[0]}\n{\"user\":2,\"tracks\":[" + string.Join(",", Enumerable.Repeat("1", 600_000)) + "]}\n");

        var error = Assert.Throws<CatalogFileException>(() => CatalogFiles.Read(directory));

        Assert.Equal(2, error.Line);
        Assert.Contains("line is longer than 1,048,576 bytes", error.Message);
    }

    [Fact]
    public void Several_bad_tables_report_the_first_by_file_name()
    {
        Write("tracks.json", Tracks);
        Write("recommendations_z.json", "{\"user\":1,\"tracks\":[9]}");
        Write("recommendations_b.json", "{\"user\":1,\"tracks\":[0]}\n{\"user\":1,\"tracks\":[0]}");
        Write("recommendations_a.json", "{\"user\":1,\"tracks\":[0]}");

        var error = Assert.Throws<CatalogFileException>(() => CatalogFiles.Read(directory));

        Assert.Equal(Path.Combine(directory, "recommendations_b.json"), error.File);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Folder_without_tracks_json_names_the_missing_file()
    {
        var error = Assert.Throws<CatalogFileException>(() => CatalogFiles.Read(directory));

        Assert.EndsWith("tracks.json", error.File);
        Assert.Contains("file not found", error.Message);
    }

    [Fact]
    public void Table_file_with_an_unusable_name_is_rejected()
    {
        Write("tracks.json", Tracks);
        Write("recommendations_a b.json", "{\"user\":1,\"tracks\":[0]}");

        var error = Assert.Throws<CatalogFileException>(() => CatalogFiles.Read(directory));

        Assert.Contains("table name \"a b\"", error.Message);
    }

    private void AssertRejected(string file, string content, int line, string reason)
    {
        if (file != "tracks.json" && !File.Exists(Path.Combine(directory, "tracks.json"))) Write("tracks.json", Tracks);
        Write(file, content);

        var error = Assert.Throws<CatalogFileException>(() => CatalogFiles.Read(directory));

        Assert.Equal(Path.Combine(directory, file), error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason);
        Assert.StartsWith(line > 0 ? $"{error.File}:{line}: " : $"{error.File}: ", error.Message);
    }

    private void Write(string file, string content) => File.WriteAllText(Path.Combine(directory, file), content);
}
