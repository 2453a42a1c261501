using System.Text;
using Botify.Sim.Commands;
using Botify.Sim.World;

namespace Botify.Ops.Tests;

/// <summary>
/// `ops run --world DIR` (run.sh --world DIR) refused before it starts anything when the folder cannot be played: the option
/// mixed with the generator's sizes, a folder that is not there, a course folder whose tracks.npy has the wrong dtype or rows.
/// The end-to-end play of a course folder is tests/MainJob.Tests (RunScriptTests).
/// </summary>
public sealed class RunWorldOptionTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "botify-ops-world-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task World_with_the_generators_sizes_is_refused_as_a_usage_error()
    {
        var (code, output) = await OpsProcess.RunAsync(Limit, "run", "--no-build", "--world", folder, "--world-tracks", "3000");

        Assert.True(code == 2, $"exit {code}:\n{output}");
        Assert.Contains($"run: --world {folder} plays that folder; --world-tracks, --world-artists and --world-listeners size a generated world: " +
                        "give one or the other", output);
    }

    [Fact]
    public async Task A_world_folder_that_is_not_there_stops_stage_2_naming_it()
    {
        var missing = Path.Combine(folder, "no-such-world");

        var (code, output) = await OpsProcess.RunAsync(Limit, "run", "--no-build", "--world", missing, "--out", Path.Combine(folder, "run"));

        Assert.True(code == 1, $"exit {code}:\n{output}");
        Assert.Contains($"run: --world {missing}: folder not found; give a folder made by `sim world` or one with the course's files", output);
        Assert.DoesNotContain("service (single machine)", output); // nothing started
    }

    [Fact]
    public async Task A_course_folder_with_float64_embeddings_or_too_few_rows_stops_stage_2_naming_the_file_and_the_fix()
    {
        var course = CourseFolder();
        var npy = Path.Combine(course, CourseWorldFiles.Embeddings);
        var (values, rows, columns) = NpyFile.ReadFloat32Matrix(npy);
        var bytes = File.ReadAllBytes(npy);
        var header = Encoding.ASCII.GetString(bytes, 0, 128);
        var descr = header.IndexOf("'<f4'", StringComparison.Ordinal);
        Assert.True(descr > 0, $"the export's header names '<f4': {header}");
        Encoding.ASCII.GetBytes("'<f8'").CopyTo(bytes, descr); // what np.save writes for a float64 array, header for header
        File.WriteAllBytes(npy, bytes);

        var (code, output) = await OpsProcess.RunAsync(Limit, "run", "--no-build", "--world", course, "--out", Path.Combine(folder, "run"));

        Assert.True(code == 1, $"exit {code}:\n{output}");
        Assert.Contains($"run: {npy}: the values are float64 ('<f8'); save them as float32: np.save(path, a.astype(np.float32))", output);
        Assert.DoesNotContain("service (single machine)", output);

        NpyFile.WriteFloat32(npy, values.AsSpan(0, (rows - 1) * columns), rows - 1, columns);

        (code, output) = await OpsProcess.RunAsync(Limit, "run", "--no-build", "--world", course, "--out", Path.Combine(folder, "run"));

        Assert.True(code == 1, $"exit {code}:\n{output}");
        Assert.Contains($"run: {npy}: 299 rows but tracks.json has 300 tracks (ids 0..299); the embeddings need one row per track id, in id order", output);
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A 300-track world generated and exported as the course's three files.</summary>
    private string CourseFolder()
    {
        var generated = Path.Combine(folder, "generated");
        Assert.Equal(0, WorldCommand.Generate(new WorldOptions { Seed = 5, Tracks = 300, Artists = 30, Listeners = 50 }, generated));
        var course = Path.Combine(folder, "course");
        Assert.Equal(0, ExportCommand.Export(generated, ExportCommand.ReferenceFormat, course));
        return course;
    }
}
