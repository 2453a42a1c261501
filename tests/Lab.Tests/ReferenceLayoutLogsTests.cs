using Botify.Lab.Tests.Training;
using Botify.Lab.Training;
using Botify.TestSupport;

namespace Botify.Lab.Tests;

/// <summary>
/// `Lab ab` and `Lab train` over the reference service's log layout (one folder per container, data.json rotated to
/// data.json.1 …) give what they give over the same lines in our events-*.jsonl layout, file for file.
/// </summary>
public sealed class ReferenceLayoutLogsTests
{
    [Fact]
    public void Ab_and_train_read_the_reference_layout_to_the_same_reports_and_tables_as_ours()
    {
        using var folder = new TempFolder();
        var (first, second) = PlantedSessions();
        // The same lines oldest first: ours as -0001, -0002, -0003; the reference layout as data.json.2, data.json.1, data.json.
        var ours = Path.Combine(folder.Path, "ours");
        var reference = Path.Combine(folder.Path, "reference");
        for (var c = 0; c < 2; c++)
        {
            var lines = c == 0 ? first : second;
            var thirds = new[] { lines[..(lines.Count / 3)], lines[(lines.Count / 3)..(2 * lines.Count / 3)], lines[(2 * lines.Count / 3)..] };
            for (var i = 0; i < 3; i++)
            {
                folder.Write($"ours/gw-{c}/events-gw-{c}-{i + 1:D4}.jsonl", thirds[i]);
                folder.Write($"reference/botify-recommender-{c + 1}/{(i == 2 ? "data.json" : $"data.json.{2 - i}")}", thirds[i]);
            }
        }

        var abOurs = Path.Combine(folder.Path, "ab-ours");
        var abReference = Path.Combine(folder.Path, "ab-reference");
        Assert.Equal(0, AbCommand.Run(ours, "AB", abOurs, "C", 0.95));
        Assert.Equal(0, AbCommand.Run(reference, "AB", abReference, "C", 0.95));
        Assert.Equal(File.ReadAllText(Path.Combine(abOurs, "ab.csv")), File.ReadAllText(Path.Combine(abReference, "ab.csv")));

        var modelOurs = Path.Combine(folder.Path, "model-ours");
        var modelReference = Path.Combine(folder.Path, "model-reference");
        using var console = new StringWriter();
        TrainingRun.Run(Settings(ours, modelOurs), console);
        TrainingRun.Run(Settings(reference, modelReference), console);
        Assert.Contains($"from 6 file(s) under {reference}", console.ToString());
        var files = Directory.GetFiles(modelOurs).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(files, Directory.GetFiles(modelReference).Select(Path.GetFileName).Order());
        Assert.Contains(TrainingRun.GcfFile, files);
        foreach (var file in files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(modelOurs, file!)), File.ReadAllBytes(Path.Combine(modelReference, file!)));
    }

    private static TrainSettings Settings(string logs, string output) => new(
        logs, output, Seed: 1, PositiveThreshold: 0.8, Holdout: 0, Top: 20,
        ContextualOptions.Defaults,
        PlantedData.SmallLfm,
        PlantedData.SmallGcf);

    /// <summary>Sessions of two user groups in an A/B split, even users' lines for one container and odd users' for the other.</summary>
    private static (List<string> Even, List<string> Odd) PlantedSessions()
    {
        var rng = new Random(9);
        var (even, odd) = (new List<string>(), new List<string>());
        var ts = 1_764_277_200_000L;
        for (var session = 0; session < 4; session++)
        {
            for (var user = 0; user < 2 * PlantedData.UsersPerGroup; user++)
            {
                var group = PlantedData.GroupOfUser(user);
                var arm = user % 3 == 0 ? "T1" : "C";
                for (var k = 0; k < 6; k++)
                {
                    var track = PlantedData.Track(group, rng.Next(PlantedData.TracksPerGroup));
                    var time = k == 0 ? 1.0 : Math.Round(0.4 + 0.6 * rng.NextDouble(), 2);
                    var line = k == 5 ? EventLines.Last(user, track, time, ts++, arm: arm) : EventLines.Next(user, track, time, ts++, arm: arm);
                    (user % 2 == 0 ? even : odd).Add(line);
                }
            }
        }
        return (even, odd);
    }
}
