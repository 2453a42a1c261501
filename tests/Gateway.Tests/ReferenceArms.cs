namespace Botify.Gateway.Tests;

/// <summary>Users' arms of the default SESSION experiment, from shared/reference/experiment_assignments.csv (0 = C, 1 = T1).</summary>
internal static class ReferenceArms
{
    public static IReadOnlyList<(int User, string Arm)> Session() => Lazy.Value;

    private static readonly Lazy<List<(int, string)>> Lazy = new(() =>
    {
        var rows = new List<(int, string)>();
        foreach (var line in File.ReadLines(ReferencePath()).Skip(1))
        {
            var cells = line.Split(',');
            if (cells.Length == 4 && cells[0] == "SESSION" && cells[1] == "2") rows.Add((int.Parse(cells[2]), cells[3] == "0" ? "C" : "T1"));
        }
        Assert.True(rows.Count >= 10, "experiment_assignments.csv should list SESSION users");
        return rows;
    });

    private static string ReferencePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Orleans.sln"))) continue;
            var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "reference", "experiment_assignments.csv"));
            if (File.Exists(path)) return path;
            throw new FileNotFoundException($"{path} is missing; it is expected in shared/reference/ next to the repository");
        }
        throw new InvalidOperationException("run the tests from inside the repository (no Orleans.sln above the test binaries)");
    }
}
