using System.CommandLine;
using System.Diagnostics;
using Botify.Sim.World;
using Spectre.Console;

namespace Botify.Sim.Commands;

/// <summary>`sim export --world DIR --format reference --out OUT`: a world as the course simulator's files (tracks.json, tracks.npy, users.json).</summary>
public static class ExportCommand
{
    /// <summary>The formats `--format` takes.</summary>
    public const string ReferenceFormat = "reference";

    public static Command Create()
    {
        var world = new Option<string>("--world") { Description = "World folder to export (made by `sim world`, or a course world)", Required = true };
        var format = new Option<string>("--format")
        {
            Description = "reference: the course simulator's tracks.json, tracks.npy (NumPy float32 [tracks, dimension]) and users.json",
            DefaultValueFactory = _ => ReferenceFormat,
        };
        var output = new Option<string>("--out") { Description = "Folder to write the files to", Required = true };
        var command = new Command("export", "Write a world in another simulator's files (the course's: --format reference)") { world, format, output };
        command.SetAction(parse => Export(parse.GetValue(world)!, parse.GetValue(format)!, parse.GetValue(output)!));
        return command;
    }

    /// <summary>Exports <paramref name="worldDir"/> into <paramref name="outDir"/>; 0, or 2 with the reason on stderr.</summary>
    public static int Export(string worldDir, string format, string outDir)
    {
        if (format != ReferenceFormat)
        {
            Console.Error.WriteLine($"sim export: --format '{format}' is not known; the format is {ReferenceFormat} (the course simulator's files)");
            return 2;
        }
        if (Path.GetFullPath(worldDir).TrimEnd('/') == Path.GetFullPath(outDir).TrimEnd('/'))
        {
            Console.Error.WriteLine($"sim export: --out {outDir} is the world folder itself; give another folder");
            return 2;
        }
        try
        {
            var clock = Stopwatch.StartNew();
            SimWorld world;
            try
            {
                world = WorldFiles.Load(worldDir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new WorldFileException($"cannot read the world folder '{worldDir}' ({e.Message.TrimEnd('.')}); check --world");
            }
            var loaded = clock.Elapsed;
            CourseWorldFiles.Write(world, outDir);
            var table = new Table().AddColumn("export").AddColumn("value");
            table.AddRow("from", Path.GetFullPath(worldDir).EscapeMarkup());
            table.AddRow("to", Path.GetFullPath(outDir).EscapeMarkup());
            table.AddRow(CourseWorldFiles.Tracks, $"{world.TrackCount:N0} tracks of {world.ArtistNames.Length:N0} artists");
            table.AddRow(CourseWorldFiles.Embeddings, $"float32 [[{world.TrackCount:N0}, {world.Dimension}]] (NumPy .npy 1.0)");
            table.AddRow(CourseWorldFiles.Users, $"{world.Listeners.Length:N0} users (user, interests, consume_bias, consume_sharpness, interest_neighbours)");
            table.AddRow("time", $"{loaded.TotalSeconds:F1} s to load, {clock.Elapsed.TotalSeconds:F1} s in all");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(
                $"course simulator: set track_meta_path, track_embeddings_path and user_catalog_path in its config/env.yml to these files " +
                $"([bold]{Path.GetFullPath(outDir).EscapeMarkup()}[/]); `sim run --world {outDir.EscapeMarkup()}` plays them here");
            return 0;
        }
        catch (WorldFileException e)
        {
            Console.Error.WriteLine($"sim export: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"sim export: cannot write '{outDir}' ({e.Message.TrimEnd('.')}); pick a writable --out folder");
            return 2;
        }
    }
}
