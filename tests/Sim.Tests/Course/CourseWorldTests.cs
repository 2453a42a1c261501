using System.Runtime.InteropServices;
using System.Text.Json;
using Botify.Sim.Commands;
using Botify.Sim.Listening;
using Botify.Sim.Randomness;
using Botify.Sim.World;
using Botify.TestSupport;

namespace Botify.Sim.Tests.Course;

/// <summary>Worlds in the course simulator's files: exported for it, and read back (or a course world read) by this simulator.</summary>
public sealed class CourseWorldTests
{
    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Python", name);

    [Fact]
    public void The_export_loads_in_numpy_and_pandas_as_the_course_simulator_loads_it()
    {
        var world = TestWorlds.SmallWorld;
        using var folder = new TempFolder();
        var export = Path.Combine(folder.Path, "course");
        CourseWorldFiles.Write(world, export);
        var raw = Path.Combine(folder.Path, "embeddings.raw");

        using var report = JsonDocument.Parse(NumpyPython.Run(Script("load_export.py"), export, raw));
        var root = report.RootElement;

        // sim/sim/envs/track.py, lines 11 and 14-19: np.load of track_embeddings_path, then pandas.read_json(lines=True) of
        // track_meta_path sorted by "track", asserting the ids are arange(len(embeddings)), and the "artist" column.
        Assert.Equal("float32", root.GetProperty("dtype").GetString());
        Assert.Equal([world.TrackCount, world.Dimension], root.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(root.GetProperty("c_contiguous").GetBoolean());
        Assert.True(root.GetProperty("track_ids_are_arange").GetBoolean());
        Assert.Equal(world.ArtistNames.Length, root.GetProperty("artists").GetInt32());
        Assert.Equal(MemoryMarshal.AsBytes(world.Embeddings.AsSpan()).ToArray(), File.ReadAllBytes(raw));

        // sim/sim/envs/user.py, lines 90-109 (UserCatalog.__init__): json.loads of each line, then user_data["user"],
        // user_data["interests"] (np.random.choice over it, line 31), and .get() of "interest_neighbours" (passed to the faiss
        // search as k, lines 34-36: a count), "consume_bias", "consume_sharpness" (arithmetic, line 72), "session_budget" and
        // "artist_discount_gamma" (np.power, line 75-77). Every key this export writes, with the type the course uses it as:
        Assert.Equal(world.Listeners.Length, root.GetProperty("users").GetInt32());
        var types = root.GetProperty("key_types").EnumerateObject()
            .ToDictionary(p => p.Name, p => string.Join("|", p.Value.EnumerateArray().Select(e => e.GetString())));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["user"] = "int",
                ["interests"] = "list[int]",
                ["consume_bias"] = "float",
                ["consume_sharpness"] = "float",
                ["interest_neighbours"] = "int",
            },
            types);
    }

    [Fact]
    public void A_course_folder_is_played_with_the_neighbours_the_generator_found()
    {
        var world = TestWorlds.SmallWorld;
        using var folder = new TempFolder();
        CourseWorldFiles.Write(world, folder.Path);

        var loaded = WorldFiles.Load(folder.Path);

        Assert.Equal(world.Embeddings, loaded.Embeddings);
        Assert.Equal(world.Titles, loaded.Titles);
        for (var t = 0; t < world.TrackCount; t++) // artist numbers are the catalog reader's; names per track are the world's
            Assert.Equal(world.ArtistNames[world.ArtistOfTrack[t]], loaded.ArtistNames[loaded.ArtistOfTrack[t]]);
        Assert.Equal(world.Listeners.Length, loaded.Listeners.Length);
        for (var l = 0; l < world.Listeners.Length; l++)
        {
            var (expected, actual) = (world.Listeners[l], loaded.Listeners[l]);
            Assert.Equal(expected.Interests, actual.Interests);
            Assert.Equal(expected.ConsumeBias, actual.ConsumeBias);
            Assert.Equal(expected.ConsumeSharpness, actual.ConsumeSharpness);
            Assert.Equal(expected.InterestNeighbours, actual.InterestNeighbours);
            Assert.Null(actual.SessionBudget);
            Assert.Null(actual.ArtistDiscount);
        }
    }

    [Fact]
    public void Keys_a_course_user_leaves_out_take_the_course_defaults_and_own_values_are_played()
    {
        using var folder = new TempFolder();
        WriteCourseWorld(folder, [
            """{"user": 0, "interests": [1, 2]}""",
            """
            {"user": 1, "interests": [3], "consume_bias": 2.5, "consume_sharpness": 0.75, "interest_neighbours": 3, "session_budget": 7,
             "artist_discount_gamma": 0.5, "name": "extra keys are ignored"}
            """.ReplaceLineEndings(" "),
        ]);

        var world = WorldFiles.Load(folder.Path);

        var plain = world.Listeners[0];
        Assert.Equal((5.0, 1.0), (plain.ConsumeBias, plain.ConsumeSharpness)); // sim/sim/envs/config.py, UserCatalogConfig
        Assert.All(plain.InterestNeighbours, row => Assert.Equal(10, row.Length));
        var own = world.Listeners[1];
        Assert.Equal((2.5, 0.75, 7, 0.5), (own.ConsumeBias, own.ConsumeSharpness, own.SessionBudget, own.ArtistDiscount));
        Assert.Equal(3, own.InterestNeighbours[0].Length);
        Assert.Equal(3, own.InterestNeighbours[0][0]); // a track is its own nearest (dot 12 vs at most 12·cos)

        var session = new ListenerSession(world, new ListenerModelOptions());
        session.Start(1, RandomStream.For(1, 0));
        Assert.Equal(7, session.Budget);
        session.Start(0, RandomStream.For(1, 0));
        Assert.Equal(new ListenerModelOptions().SessionBudget, session.Budget);
    }

    [Theory]
    [InlineData("""{"user": 0, "interests": [1, 999]}""", "line 1: user 0's interest 999 is not a track of tracks.json (ids 0..29)")]
    [InlineData("""{"user": 0, "interests": [1], "interest_neighbours": [[1, 2]]}""",
        "line 1: \"interest_neighbours\" is a list; in the course's users.json it is a count")]
    [InlineData("""{"listener": 0, "interests": [1]}""", "line 1: \"user\" is missing")]
    [InlineData("""{"user": 0, "interests": []}""", "line 1: user 0 has no interests")]
    [InlineData("""{"user": 0, "interests": [1], "consume_bias": "high"}""", "line 1: \"consume_bias\" is \"high\"; give a number (the course's default is 5)")]
    [InlineData("""{"user": 0, "interests": [1], "interest_neighbours": 2.5}""", "line 1: \"interest_neighbours\" is 2.5; give a whole number 1 or more")]
    [InlineData("{\"user\": 0, \"interests\": [1]", "line 1: ")]
    public void A_users_json_the_simulator_cannot_play_is_refused_with_the_line_and_the_reason(string line, string expected)
    {
        using var folder = new TempFolder();
        WriteCourseWorld(folder, [line]);

        var error = Assert.Throws<WorldFileException>(() => WorldFiles.Load(folder.Path));

        Assert.Contains(Path.Combine(folder.Path, "users.json") + " " + expected, error.Message);
    }

    [Fact]
    public void User_ids_must_be_the_positions_each_once()
    {
        using var folder = new TempFolder();
        WriteCourseWorld(folder, ["""{"user": 0, "interests": [1]}""", """{"user": 0, "interests": [2]}"""]);
        Assert.Contains("line 2: user 0 again (first on line 1)", Assert.Throws<WorldFileException>(() => WorldFiles.Load(folder.Path)).Message);

        WriteCourseWorld(folder, ["""{"user": 0, "interests": [1]}""", """{"user": 5, "interests": [2]}"""]);
        Assert.Contains("line 2: user 5, but with 2 users the ids must be 0..1", Assert.Throws<WorldFileException>(() => WorldFiles.Load(folder.Path)).Message);
    }

    [Fact]
    public void Embeddings_of_another_catalog_size_or_missing_files_are_named()
    {
        using var folder = new TempFolder();
        WriteCourseWorld(folder, ["""{"user": 0, "interests": [1]}"""]);
        NpyFile.WriteFloat32(Path.Combine(folder.Path, "tracks.npy"), new float[29 * 4], 29, 4);
        Assert.Contains("tracks.npy: 29 rows but tracks.json has 30 tracks (ids 0..29)",
            Assert.Throws<WorldFileException>(() => WorldFiles.Load(folder.Path)).Message);

        File.Delete(Path.Combine(folder.Path, "tracks.json"));
        Assert.Contains("tracks.json not found; a course world is tracks.json, tracks.npy and users.json together",
            Assert.Throws<WorldFileException>(() => WorldFiles.Load(folder.Path)).Message);

        using var empty = new TempFolder();
        var neither = Assert.Throws<WorldFileException>(() => WorldFiles.Load(empty.Path)).Message;
        Assert.Contains("neither world.json (a world of `sim world`) nor the course's tracks.json, tracks.npy and users.json", neither);
    }

    [Fact]
    public void Sim_export_writes_the_three_files_and_refuses_unknown_formats_and_its_own_folder()
    {
        using var folder = new TempFolder();
        var worldDir = Path.Combine(folder.Path, "world");
        WorldFiles.Write(TestWorlds.SmallWorld, worldDir);
        var output = Path.Combine(folder.Path, "course");

        Assert.Equal(0, ExportCommand.Export(worldDir, "reference", output));
        Assert.Equal(["tracks.json", "tracks.npy", "users.json"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        Assert.Equal(File.ReadAllBytes(Path.Combine(worldDir, "tracks.json")), File.ReadAllBytes(Path.Combine(output, "tracks.json")));

        Assert.Equal(2, ExportCommand.Export(worldDir, "parquet", Path.Combine(folder.Path, "other")));
        Assert.Equal(2, ExportCommand.Export(worldDir, "reference", worldDir + "/"));
        Assert.False(File.Exists(Path.Combine(worldDir, "users.json")));
    }

    /// <summary>A course folder of 30 tracks (10 artists, dimension 4) and the given users.json lines.</summary>
    private static void WriteCourseWorld(TempFolder folder, string[] users)
    {
        var tracks = Enumerable.Range(0, 30).Select(t => $"{{\"track\": {t}, \"artist\": \"Artist {t % 10}\", \"title\": \"Song {t}\"}}");
        folder.Write("tracks.json", tracks);
        var embeddings = new float[30 * 4];
        var rng = new Random(3);
        for (var t = 0; t < 30; t++)
        {
            var row = embeddings.AsSpan(t * 4, 4);
            for (var d = 0; d < 4; d++) row[d] = (float)(rng.NextDouble() - 0.5);
            var norm = MathF.Sqrt(row[0] * row[0] + row[1] * row[1] + row[2] * row[2] + row[3] * row[3]);
            for (var d = 0; d < 4; d++) row[d] = row[d] / norm * MathF.Sqrt(12); // every track of squared length 12, as the generator's
        }
        NpyFile.WriteFloat32(Path.Combine(folder.Path, "tracks.npy"), embeddings, 30, 4);
        folder.Write("users.json", users);
    }
}
