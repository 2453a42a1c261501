using System.Text;
using Botify.Contracts.Catalog;
using Xunit.Abstractions;

namespace Botify.Contracts.Tests.Catalog;

public sealed class CatalogFilesFuzzTests : IDisposable
{
    private const int Seed = 20261127;
    private const int Mutations = 2_000;

    private static readonly string[] Tokens = ["-1", "4294967296", "1e3", "1.5", "null", "\"7\"", "[]", "{}", "[[1]]", ",", "}", "]", "\"track\":",
        "\"user\":", "\\u0000", "\n"];

    // Thousands of rewrites: a RAM disk where there is one (rewriting a file under /tmp costs milliseconds here).
    private readonly string directory = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "botify-fuzz-"
        + Guid.NewGuid().ToString("N")[..8]);
    private readonly ITestOutputHelper output;

    public CatalogFilesFuzzTests(ITestOutputHelper output)
    {
        this.output = output;
        Directory.CreateDirectory(directory);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Mutated_catalog_files_are_either_read_or_rejected_with_file_and_line_never_anything_else()
    {
        var random = new Random(Seed);
        var valid = new Dictionary<string, byte[]>
        {
            ["tracks.json"] = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 30).Select(
                t => $"{{\"track\":{t},\"artist\":\"Ärtist {t % 3}\",\"title\":\"T {t}\"}}\n"))),
            ["top_tracks.json"] = Encoding.UTF8.GetBytes("[5, 3, 1, 0, 29]"),
            ["recommendations_u.json"] = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 20).Select(
                u => $"{{\"user\":{u},\"tracks\":[{u % 30},{(u + 1) % 30}]}}\n"))),
            ["recommendations_t.json"] = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 30).Select(
                t => $"{{\"track\":{t},\"recommendations\":[{(t + 2) % 30}]}}\n"))),
        };
        var names = valid.Keys.ToArray();
        int accepted = 0, rejected = 0;
        foreach (var (name, bytes) in valid) File.WriteAllBytes(Path.Combine(directory, name), bytes);
        string? previous = null;
        var readClock = new System.Diagnostics.Stopwatch();
        for (var i = 0; i < Mutations; i++)
        {
            if (previous is not null) File.WriteAllBytes(Path.Combine(directory, previous), valid[previous]);
            var victim = previous = names[random.Next(names.Length)];
            File.WriteAllBytes(Path.Combine(directory, victim), Mutate(valid[victim], random));
            readClock.Start();
            try
            {
                CatalogFiles.Read(directory, limits: CatalogFileLimits.Default with { MaxLineBytes = 4096 });
                accepted++;
            }
            catch (CatalogFileException e)
            {
                // A broken tracks.json may surface as an unknown track in a file that refers to it.
                if (victim != "tracks.json") Assert.Equal(Path.Combine(directory, victim), e.File);
                Assert.True(e.Line >= 0 && !string.IsNullOrWhiteSpace(e.Reason), e.Message);
                rejected++;
            }
            finally
            {
                readClock.Stop();
            }
        }
        output.WriteLine($"fuzz seed {Seed}: {Mutations} mutations, {accepted} accepted, {rejected} rejected with file:line: reason, 0 other " +
            $"exceptions; reading took {readClock.Elapsed.TotalSeconds:F2} s");
        Assert.True(rejected > Mutations / 2, $"only {rejected} of {Mutations} mutations were rejected");
    }

    private static byte[] Mutate(byte[] bytes, Random random)
    {
        var data = new List<byte>(bytes);
        var edits = 1 + random.Next(3);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(data.Count + 1);
            switch (random.Next(6))
            {
                case 0 when at < data.Count: data[at] = (byte)random.Next(256); break;
                case 1: data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(8))); break;
                case 2: data.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)])); break;
                case 3: data.RemoveRange(at, data.Count - at); break;
                case 4: data.InsertRange(at, Enumerable.Repeat((byte)'9', 1 + random.Next(5000)).ToArray()); break;
                default: data.InsertRange(at, [0xC3, 0x28]); break; // invalid UTF-8
            }
        }
        return data.ToArray();
    }
}
