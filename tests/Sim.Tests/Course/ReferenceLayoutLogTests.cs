using System.Text.Json;
using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;
using Botify.Lab.Analysis;
using Botify.Sim.InProcess;
using Botify.Sim.Listening;
using Botify.TestSupport;
using MathNet.Numerics.Distributions;

namespace Botify.Sim.Tests.Course;

/// <summary>
/// A log in the reference service's layout — one folder per container (as the course's dataclient.py copies them), data.json
/// rotated to data.json.1 … by the contract's RotatingFileHandler rule — read by pandas and by `Lab ab`: the same table.
/// </summary>
public sealed class ReferenceLayoutLogTests
{
    private const string Experiment = "COURSE";

    [Fact]
    public void Pandas_and_lab_ab_read_a_rotated_reference_layout_log_to_the_same_table()
    {
        using var folder = new TempFolder();
        var ours = Path.Combine(folder.Path, "jsonl");
        new InProcessRunner(TestWorlds.SmallWorld, new ListenerModelOptions()).Run(Experiment, ["random", "sticky-artist"], ours, 2_000, 11);
        var events = EventLogReader.Read(ours).Events;
        var reference = Path.Combine(folder.Path, "reference");
        var files = WriteAsTwoContainers(events, reference);
        Assert.Contains(files, f => f.EndsWith("data.json.3", StringComparison.Ordinal)); // rotated more than once

        var log = EventLogReader.Read(reference);
        Assert.Equal(events.Count, log.Events.Count);
        Assert.Equal(0, log.Malformed);
        var lab = AbAnalysis.Analyse(log.Events, Experiment);
        Assert.Equal(AbAnalysis.Analyse(events, Experiment).Rows, lab.Rows); // the layout changes nothing the analysis sees

        using var pandas = JsonDocument.Parse(NumpyPython.Run(Path.Combine(AppContext.BaseDirectory, "Python", "ab_with_pandas.py"), reference, Experiment));
        Assert.Equal(files.Count, pandas.RootElement.GetProperty("files").GetInt32());
        var rows = pandas.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(lab.Rows.Count, rows.Count);
        foreach (var row in rows)
        {
            var metric = row.GetProperty("metric").GetString()!;
            var labRow = lab.Row(row.GetProperty("treatment").GetString()!, metric);
            var controlMean = row.GetProperty("control_mean").GetDouble();
            Assert.Equal(controlMean, labRow.ControlMean, 1e-9);
            Assert.Equal(row.GetProperty("treatment_mean").GetDouble(), labRow.TreatmentMean, 1e-9);
            Assert.Equal(row.GetProperty("effect").GetDouble(), labRow.Effect, 1e-7);
            Assert.Equal(row.GetProperty("dof").GetDouble(), labRow.DegreesOfFreedom, 1e-6);
            Assert.Equal(row.GetProperty("control_users").GetInt32(), labRow.ControlUsers);
            Assert.Equal(row.GetProperty("treatment_users").GetInt32(), labRow.TreatmentUsers);
            var quantile = StudentT.InvCDF(0, 1, row.GetProperty("dof").GetDouble(), 0.975);
            var halfWidth = quantile * row.GetProperty("standard_error").GetDouble() / controlMean * 100;
            Assert.Equal(halfWidth, (labRow.Upper - labRow.Lower) / 2, 1e-7);
        }
    }

    /// <summary>Even users to botify-recommender-1, odd to -2, each through the reference layout's writer with 64 KiB files.</summary>
    private static List<string> WriteAsTwoContainers(IReadOnlyList<LogEvent> events, string folder)
    {
        var paths = new List<string>();
        var writers = new EventLogFileWriter[2];
        for (var i = 0; i < writers.Length; i++)
            writers[i] = new EventLogFileWriter(new ReferenceLogFileSet(Path.Combine(folder, $"botify-recommender-{i + 1}"), 64 * 1024, backups: 100));
        try
        {
            foreach (var e in events) writers[e.User % 2].Write(e);
        }
        finally
        {
            foreach (var writer in writers) writer.Dispose();
        }
        foreach (var container in Directory.GetDirectories(folder)) paths.AddRange(Directory.GetFiles(container));
        return paths;
    }
}
