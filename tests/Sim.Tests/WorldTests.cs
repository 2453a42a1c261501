using System.Text.Json;
using Botify.Sim.World;

namespace Botify.Sim.Tests;

public sealed class WorldTests
{
    [Fact]
    public void Same_seed_writes_byte_identical_files_and_another_seed_differs()
    {
        var a = TestWorlds.TempFolder("det-a");
        var b = TestWorlds.TempFolder("det-b");
        var c = TestWorlds.TempFolder("det-c");
        WorldFiles.Write(WorldGenerator.Generate(TestWorlds.Small(11)), a);
        WorldFiles.Write(WorldGenerator.Generate(TestWorlds.Small(11)), b);
        WorldFiles.Write(WorldGenerator.Generate(TestWorlds.Small(12)), c);
        foreach (var file in new[] { WorldFiles.Tracks, WorldFiles.ListenersFile, WorldFiles.EmbeddingsFile, WorldFiles.Manifest })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, file)), File.ReadAllBytes(Path.Combine(b, file)));
        }
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, WorldFiles.EmbeddingsFile)), File.ReadAllBytes(Path.Combine(c, WorldFiles.EmbeddingsFile)));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, WorldFiles.ListenersFile)), File.ReadAllBytes(Path.Combine(c, WorldFiles.ListenersFile)));
    }

    [Fact]
    public void Catalog_is_in_the_reference_format_with_every_id_once()
    {
        var options = TestWorlds.Small(3);
        var folder = TestWorlds.TempFolder("catalog");
        WorldFiles.Write(WorldGenerator.Generate(options), folder);
        var seen = new bool[options.Tracks];
        var artists = new HashSet<string>();
        foreach (var line in File.ReadLines(Path.Combine(folder, WorldFiles.Tracks)))
        {
            using var doc = JsonDocument.Parse(line);
            var names = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
            Assert.Equal(["track", "artist", "title"], names);
            var track = doc.RootElement.GetProperty("track").GetInt32();
            Assert.False(seen[track], $"track {track} listed twice");
            seen[track] = true;
            Assert.False(string.IsNullOrWhiteSpace(doc.RootElement.GetProperty("artist").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(doc.RootElement.GetProperty("title").GetString()));
            artists.Add(doc.RootElement.GetProperty("artist").GetString()!);
        }
        Assert.All(seen, Assert.True);
        Assert.Equal(options.Artists, artists.Count);
    }

    [Fact]
    public void Loaded_world_equals_the_generated_one_and_every_interest_is_a_valid_track()
    {
        var generated = TestWorlds.SmallWorld;
        var folder = TestWorlds.TempFolder("roundtrip");
        WorldFiles.Write(generated, folder);
        var loaded = WorldFiles.Load(folder);
        Assert.Equal(generated.Embeddings, loaded.Embeddings);
        Assert.Equal(generated.Listeners.Length, loaded.Listeners.Length);
        for (var l = 0; l < loaded.Listeners.Length; l++)
        {
            var listener = loaded.Listeners[l];
            Assert.Equal(generated.Listeners[l].Interests, listener.Interests);
            Assert.Equal(generated.Listeners[l].ConsumeBias, listener.ConsumeBias);
            Assert.Equal(generated.Listeners[l].ConsumeSharpness, listener.ConsumeSharpness);
            Assert.Equal(3, listener.Interests.Length);
            Assert.All(listener.Interests, t => Assert.InRange(t, 0, loaded.TrackCount - 1));
            Assert.InRange(listener.ConsumeBias, 0, 10);
            Assert.InRange(listener.ConsumeSharpness, 0.5, 2);
            Assert.All(listener.InterestNeighbours, row => Assert.Equal(10, row.Length));
        }
        // Same artist grouping: two tracks share an artist in one exactly when they do in the other.
        for (var t = 1; t < loaded.TrackCount; t++)
            Assert.Equal(generated.ArtistOfTrack[t] == generated.ArtistOfTrack[t - 1], loaded.ArtistOfTrack[t] == loaded.ArtistOfTrack[t - 1]);
    }

    [Fact]
    public void Default_artist_sizes_are_heavy_tailed_as_the_recipe_says()
    {
        var options = new WorldOptions();
        var sizes = WorldGenerator.ArtistSizes(options);
        Assert.Equal(options.Tracks, sizes.Sum());
        Assert.All(sizes, s => Assert.InRange(s, 1, options.MaxTracksPerArtist));
        var sorted = sizes.Order().ToArray();
        Assert.Equal(5, sorted[sorted.Length / 2]);
        Assert.Equal(options.MaxTracksPerArtist, sorted[^1]);
    }

    [Fact]
    public void Embeddings_have_the_squared_norm_and_same_artist_tracks_are_closer()
    {
        var world = TestWorlds.SmallWorld;
        for (var t = 0; t < world.TrackCount; t += 97)
            Assert.Equal(12.0, world.Dot(t, world.Embedding(t)), 3);
        double same = 0, other = 0;
        int sameCount = 0, otherCount = 0;
        for (var t = 0; t + 1 < world.TrackCount; t++)
        {
            var artist = world.TracksOfArtist[world.ArtistOfTrack[t]];
            var mate = artist[0] == t ? (artist.Length > 1 ? artist[1] : -1) : artist[0];
            if (mate >= 0)
            {
                same += world.Dot(mate, world.Embedding(t));
                sameCount++;
            }
            other += world.Dot(t + 1, world.Embedding(t));
            otherCount++;
        }
        Assert.InRange(same / sameCount, 7.5, 9.5);
        Assert.InRange(other / otherCount, -0.5, 2.0);
    }

    [Fact]
    public void Interest_neighbours_are_the_exact_ten_nearest_tracks()
    {
        var world = TestWorlds.SmallWorld;
        var scores = new float[world.TrackCount];
        for (var l = 0; l < world.Listeners.Length; l += 13)
        {
            var listener = world.Listeners[l];
            for (var k = 0; k < listener.Interests.Length; k++)
            {
                var query = world.Embedding(listener.Interests[k]);
                for (var t = 0; t < world.TrackCount; t++) scores[t] = world.Dot(t, query);
                var tenth = scores.OrderDescending().ElementAt(9);
                var row = listener.InterestNeighbours[k];
                Assert.Equal(10, row.Distinct().Count());
                Assert.All(row, t => Assert.True(scores[t] >= tenth - 1e-4f, $"track {t} scores {scores[t]}, below the 10th best {tenth}"));
                Assert.Contains(listener.Interests[k], row);
            }
        }
    }
}
