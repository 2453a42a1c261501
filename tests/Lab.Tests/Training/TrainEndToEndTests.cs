using System.Text.Json;
using Botify.Lab.Training;
using Botify.TestSupport;

namespace Botify.Lab.Tests.Training;

public sealed class TrainEndToEndTests
{
    /// <summary>A log folder of planted sessions (two groups, two gateways, rotated files, one corrupt line).</summary>
    private static void WritePlantedLogs(TempFolder folder)
    {
        var rng = new Random(5);
        var files = new[] { new List<string>(), new List<string>(), new List<string>() };
        var ts = 1_764_277_200_000L;
        for (var user = 0; user < 2 * PlantedData.UsersPerGroup; user++)
        {
            var group = PlantedData.GroupOfUser(user);
            for (var session = 0; session < 4; session++)
            {
                for (var k = 0; k < 6; k++)
                {
                    var track = PlantedData.Track(group, rng.Next(PlantedData.TracksPerGroup));
                    var time = k == 0 ? 1.0 : Math.Round(0.5 + 0.5 * rng.NextDouble(), 2);
                    var line = k == 5 ? EventLines.Last(user, track, time, ts++) : EventLines.Next(user, track, time, ts++);
                    files[rng.Next(3)].Add(line);
                }
            }
        }

        files[1].Insert(3, "{\"message\":\"next\",\"user\":1,\"tr"); // truncated write
        folder.Write("gw-1/events-gw-5001-0001.jsonl", files[0]);
        folder.Write("gw-1/events-gw-5001-0002.jsonl", files[1]);
        folder.Write("gw-2/events-gw-5002-0001.jsonl", files[2]);
    }

    private static TrainSettings Settings(string logs, string output, double holdout) => new(
        logs, output, Seed: 1, PositiveThreshold: 0.8, Holdout: holdout, Top: 20,
        ContextualOptions.Defaults,
        PlantedData.SmallLfm,
        PlantedData.SmallGcf);

    [Fact]
    public void Train_writes_every_table_in_the_reference_formats()
    {
        using var folder = new TempFolder();
        WritePlantedLogs(folder);
        var output = Path.Combine(folder.Path, "model");
        using var console = new StringWriter();

        var result = TrainingRun.Run(Settings(folder.Path, output, 0) with { Catalog = null }, console);

        Assert.Contains("skipped 1 malformed line(s), first: ", console.ToString());
        Assert.Contains("events-gw-5001-0002.jsonl:4: ", console.ToString());

        var top = JsonSerializer.Deserialize<int[]>(File.ReadAllText(Path.Combine(output, TrainingRun.TopTracksFile)))!;
        Assert.Equal(2 * PlantedData.TracksPerGroup, top.Length);

        var contextual = File.ReadAllLines(Path.Combine(output, TrainingRun.ContextualFile));
        Assert.NotEmpty(contextual);
        foreach (var line in contextual)
        {
            using var row = JsonDocument.Parse(line);
            var track = row.RootElement.GetProperty("track").GetInt32();
            var recommendations = row.RootElement.GetProperty("recommendations").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            Assert.InRange(recommendations.Length, 1, ContextualOptions.Defaults.Size);
            Assert.All(recommendations, r => Assert.Equal(PlantedData.GroupOfTrack(track), PlantedData.GroupOfTrack(r)));
        }

        var positives = result.Interactions;
        foreach (var file in new[] { TrainingRun.LfmFile, TrainingRun.GcfFile, TrainingRun.AlsFile, TrainingRun.UbFile })
        {
            var lines = File.ReadAllLines(Path.Combine(output, file));
            Assert.Equal(2 * PlantedData.UsersPerGroup, lines.Length);
            foreach (var line in lines)
            {
                using var row = JsonDocument.Parse(line);
                var user = row.RootElement.GetProperty("user").GetInt32();
                var tracks = row.RootElement.GetProperty("tracks").EnumerateArray().Select(e => e.GetInt32()).ToArray();
                Assert.InRange(tracks.Length, 1, 20);
                Assert.Equal(tracks.Length, tracks.Distinct().Count());
                Assert.All(tracks.Take(5), t => Assert.Equal(PlantedData.GroupOfUser(user), PlantedData.GroupOfTrack(t)));
            }
        }

        Assert.True(positives > 0);
        foreach (var file in new[] { TrainingRun.LfmEmbeddingsFile, TrainingRun.GcfEmbeddingsFile })
        {
            var embeddings = TrackEmbeddingsFile.Read(Path.Combine(output, file));
            Assert.Equal(16, embeddings.Dimensions);
            Assert.Equal(embeddings.TrackIds.Length * 16, embeddings.Vectors.Length);
            Assert.Equal(2 * PlantedData.TracksPerGroup, embeddings.TrackIds.Length);
            Assert.All(embeddings.Vectors, v => Assert.True(float.IsFinite(v)));
        }

        Assert.DoesNotContain(Directory.GetFiles(output), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.Empty(result.Metrics); // hold-out 0: nothing to evaluate
    }

    [Fact]
    public void Without_any_follower_no_contextual_file_is_written_and_a_stale_one_is_removed()
    {
        // one-track sessions: positives for every model, but no track is ever followed
        using var folder = new TempFolder();
        var ts = 1_764_277_200_000L;
        var lines = new List<string>();
        for (var user = 0; user < 2 * PlantedData.UsersPerGroup; user++)
        {
            for (var session = 0; session < 3; session++)
            {
                lines.Add(EventLines.Last(user, PlantedData.Track(PlantedData.GroupOfUser(user), (user + session) % PlantedData.TracksPerGroup), 1.0, ts++));
            }
        }

        folder.Write("logs/events-gw-5001-0001.jsonl", lines);
        var output = Path.Combine(folder.Path, "model");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, TrainingRun.ContextualFile), "{\"track\":1,\"recommendations\":[2]}\n"); // an earlier run's
        using var console = new StringWriter();

        TrainingRun.Run(Settings(Path.Combine(folder.Path, "logs"), output, 0) with { Catalog = null, Models = "LFM" }, console);

        Assert.False(File.Exists(Path.Combine(output, TrainingRun.ContextualFile)));
        Assert.Contains("so no recommendations_contextual.json (Contextual falls back to StickyArtist)", console.ToString());
        Assert.True(File.Exists(Path.Combine(output, TrainingRun.LfmFile)));
    }

    [Fact]
    public void Train_with_a_hold_out_evaluates_every_model_and_the_embedding_models_beat_top_pop()
    {
        using var folder = new TempFolder();
        WritePlantedLogs(folder);
        using var console = new StringWriter();

        var result = TrainingRun.Run(Settings(folder.Path, Path.Combine(folder.Path, "model"), 0.2), console);

        Assert.Equal(["TopPop", "Contextual", "LFM", "LGCF", "ALS", "UB"], result.Metrics.Select(m => m.Model));
        var topPop = result.Metrics[0];
        Assert.All(result.Metrics.Skip(2), m => Assert.True(m.Ndcg > topPop.Ndcg, $"{m.Model} NDCG {m.Ndcg} vs TopPop {topPop.Ndcg}"));
        Assert.Matches(@"LGCF epoch +\d+/60 .* validation NDCG@10 ", console.ToString());
        Assert.Matches(@"train: LGCF: (stopped early|reached the epoch limit).*; kept epoch \d+ ", console.ToString());
        Assert.Contains("ALS iteration  15/15", console.ToString());
        Assert.Empty(result.NextTrack!); // no held-out sessions asked for
    }

    [Fact]
    public void Held_out_sessions_give_every_model_a_next_track_hit_rate_and_the_personal_models_beat_top_pop()
    {
        using var folder = new TempFolder();
        WritePlantedLogs(folder);
        using var console = new StringWriter();

        var result = TrainingRun.Run(Settings(folder.Path, Path.Combine(folder.Path, "model"), 0) with { HoldoutSessions = 0.25 }, console);

        var next = result.NextTrack!;
        Assert.Equal(["TopPop", "Contextual", "LFM", "LGCF", "ALS", "UB"], next.Select(n => n.Model));
        Assert.All(next, n => Assert.InRange(n.Sessions, 40, 120)); // 320 sessions, a quarter held out
        var topPop = next[0];
        Assert.All(next.Where(n => n.Model is "ALS" or "UB" or "LGCF"),
            n => Assert.True(n.HitRate > topPop.HitRate, $"{n.Model} hit@15 {n.HitRate} vs TopPop {topPop.HitRate}"));
        Assert.Contains("sessions held out (25 %)", console.ToString());
    }

    [Fact]
    public void Models_limits_training_to_the_named_models()
    {
        using var folder = new TempFolder();
        WritePlantedLogs(folder);
        var output = Path.Combine(folder.Path, "model");
        using var console = new StringWriter();

        TrainingRun.Run(Settings(folder.Path, output, 0) with { Models = "als, UB" }, console);

        var written = Directory.GetFiles(output).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray();
        var expected = new[] { TrainingRun.AlsFile, TrainingRun.ContextualFile, TrainingRun.UbFile, TrainingRun.TopTracksFile };
        Assert.Equal(expected.Order(StringComparer.Ordinal), written);
    }

    [Fact]
    public void Train_writes_byte_identical_tables_with_one_or_two_threads()
    {
        using var folder = new TempFolder();
        WritePlantedLogs(folder);
        var settings = Settings(folder.Path, "", 0.2);
        var outputs = new List<string>();
        foreach (var threads in new[] { 1, 2 })
        {
            var output = Path.Combine(folder.Path, $"model-{threads}");
            outputs.Add(output);
            TrainingRun.Run(settings with
            {
                Out = output,
                Lfm = settings.Lfm with { Threads = threads },
                Gcf = settings.Gcf with { Threads = threads },
            }, new StringWriter());
        }

        var files = Directory.GetFiles(outputs[0]).Select(Path.GetFileName).Order().ToArray();
        Assert.Contains(TrainingRun.GcfFile, files);
        Assert.Contains(TrainingRun.LfmEmbeddingsFile, files);
        Assert.Equal(files, Directory.GetFiles(outputs[1]).Select(Path.GetFileName).Order());
        foreach (var file in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(outputs[0], file!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(outputs[1], file!))),
                $"{file} differs between 1 and 2 threads");
        }
    }

    [Fact]
    public void Train_on_a_folder_without_events_fails_with_one_line()
    {
        using var folder = new TempFolder();
        folder.Write("events-sim-0001.jsonl", ["not json", "{\"message\":\"next\"}"]);

        var code = TrainCommand.Run(Settings(folder.Path, Path.Combine(folder.Path, "model"), 0.1));

        Assert.Equal(2, code);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "model")));
    }

    [Fact]
    public void Embedding_file_with_a_bad_header_or_size_is_rejected_with_its_name()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "embeddings_gcf.bin");
        new TrackEmbeddingsFile([5, 9], 2, [1, 2, 3, 4]).Write(path);
        var back = TrackEmbeddingsFile.Read(path);
        Assert.Equal([5, 9], back.TrackIds);
        Assert.Equal([3f, 4f], back.Vector(1).ToArray());

        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^3]);
        var error = Assert.Throws<InvalidDataException>(() => TrackEmbeddingsFile.Read(path));
        Assert.Contains(path, error.Message);
    }
}
