using System.CommandLine;
using System.Diagnostics;
using Botify.Sim.World;
using Spectre.Console;

namespace Botify.Sim.Commands;

/// <summary>`sim world --seed 42 --out DIR`: generates a deterministic world folder.</summary>
public static class WorldCommand
{
    public static Command Create()
    {
        var defaults = new WorldOptions();
        var seed = new Option<long>("--seed") { Description = "Generator seed; same seed, same files", DefaultValueFactory = _ => defaults.Seed };
        var output = new Option<string>("--out") { Description = "Folder to write tracks.json, listeners.jsonl, embeddings.bin, world.json", Required = true };
        var tracks = new Option<int>("--tracks") { Description = "Tracks in the catalog", DefaultValueFactory = _ => defaults.Tracks };
        var artists = new Option<int>("--artists") { Description = "Artists", DefaultValueFactory = _ => defaults.Artists };
        var genres = new Option<int>("--genres") { Description = "Genres", DefaultValueFactory = _ => defaults.Genres };
        var dimension = new Option<int>("--dimension") { Description = "Embedding dimension", DefaultValueFactory = _ => defaults.Dimension };
        var listeners = new Option<int>("--listeners") { Description = "Listeners (user ids 0..N-1)", DefaultValueFactory = _ => defaults.Listeners };
        var sizeExponent = new Option<double>("--artist-size-exponent")
        {
            Description = "Artist weights w_r = r^-x (larger x: more of the tracks " +
            "go to the top artists)",
            DefaultValueFactory = _ => defaults.ArtistSizeExponent
        };
        var maxPerArtist = new Option<int>("--max-tracks-per-artist")
        {
            Description = "Cap on tracks per artist",
            DefaultValueFactory = _ => defaults.MaxTracksPerArtist
        };
        var genreExponent = new Option<double>("--genre-exponent")
        {
            Description = "Genre popularity p_g ∝ (g+1)^-x",
            DefaultValueFactory = _ => defaults.GenreExponent
        };
        var artistShare = new Option<double>("--artist-share")
        {
            Description = "Share of an embedding's squared norm from its artist direction",
            DefaultValueFactory = _ => defaults.ArtistShare
        };
        var genreShare = new Option<double>("--genre-share") { Description = "Share from the genre direction", DefaultValueFactory = _ => defaults.GenreShare };

        var command = new Command("world", "Generate a deterministic synthetic world (catalog, hidden embeddings, listeners)")
        {
            seed, output, tracks, artists, genres, dimension, listeners, sizeExponent, maxPerArtist, genreExponent, artistShare, genreShare,
        };
        command.SetAction(parse =>
        {
            var options = defaults with
            {
                Seed = parse.GetValue(seed),
                Tracks = parse.GetValue(tracks),
                Artists = parse.GetValue(artists),
                Genres = parse.GetValue(genres),
                Dimension = parse.GetValue(dimension),
                Listeners = parse.GetValue(listeners),
                ArtistSizeExponent = parse.GetValue(sizeExponent),
                MaxTracksPerArtist = parse.GetValue(maxPerArtist),
                GenreExponent = parse.GetValue(genreExponent),
                ArtistShare = parse.GetValue(artistShare),
                GenreShare = parse.GetValue(genreShare),
            };
            return Generate(options, parse.GetValue(output)!);
        });
        return command;
    }

    /// <summary>
    /// `sim world`: generates the world of <paramref name="options"/> into <paramref name="directory"/> and prints its table; 0, or 2 with the
    /// reason on stderr.
    /// </summary>
    public static int Generate(WorldOptions options, string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var clock = Stopwatch.StartNew();
            SimWorld world = null!;
            AnsiConsole.Status().Start($"generating world (seed {options.Seed}, {options.Tracks:N0} tracks, {options.Listeners:N0} listeners)...",
                _ => world = WorldGenerator.Generate(options));
            var generated = clock.Elapsed;
            WorldFiles.Write(world, directory);
            Print(world, directory, generated, clock.Elapsed);
            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"sim world: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"sim world: cannot write '{directory}' ({e.Message.TrimEnd('.')}); pick a writable --out folder");
            return 2;
        }
    }

    private static void Print(SimWorld world, string directory, TimeSpan generated, TimeSpan total)
    {
        var sizes = new int[world.ArtistNames.Length];
        for (var a = 0; a < sizes.Length; a++) sizes[a] = world.TracksOfArtist[a].Length;
        Array.Sort(sizes);
        var table = new Table().AddColumn("world").AddColumn("value");
        table.AddRow("folder", Path.GetFullPath(directory).EscapeMarkup());
        table.AddRow("seed", world.Options.Seed.ToString());
        table.AddRow("tracks / artists / genres", $"{world.TrackCount:N0} / {world.ArtistNames.Length:N0} / {world.Options.Genres}");
        table.AddRow("tracks per artist (median / mean / max)", $"{sizes[sizes.Length / 2]} / {(double)world.TrackCount / sizes.Length:F1} / {sizes[^1]}");
        table.AddRow("embedding dimension", world.Dimension.ToString());
        table.AddRow("listeners", world.Listeners.Length.ToString("N0"));
        table.AddRow("files", $"{WorldFiles.Tracks}, {WorldFiles.ListenersFile}, {WorldFiles.EmbeddingsFile}, {WorldFiles.Manifest}");
        table.AddRow("time", $"{generated.TotalSeconds:F1} s to generate, {total.TotalSeconds:F1} s with files");
        AnsiConsole.Write(table);
    }
}
