using System.Diagnostics;
using System.Text.Json;
using Botify.Lab.Training;

namespace Botify.SessionBench;

/// <summary>
/// `Lab train` for one seed and day-1 size, cached beside the logs and redone when its settings change:
/// the online tables are trained on every day-1 session; the offline run holds out positives and sessions
/// and keeps only its evaluation (which model the offline metrics would pick).
/// </summary>
public static class BenchTraining
{
    private const string Stamp = ".done";

    /// <summary>The folder of trained tables and the wall time of that training (measured when it ran).</summary>
    public static (string Folder, double Seconds) Online(string folder, TrainSettings template, bool retrain)
    {
        var trained = Path.Combine(folder, "trained");
        var settings = template with { Logs = Path.Combine(folder, "logs"), Out = trained, Holdout = 0, HoldoutSessions = 0 };
        var seconds = Run(settings, retrain, _ => { });
        return (trained, seconds);
    }

    /// <summary>The offline evaluation of the same models with held-out positives and sessions (10 % each, as `Lab train`).</summary>
    public static OfflineEvaluation Offline(string folder, TrainSettings template, bool retrain)
    {
        var trained = Path.Combine(folder, "offline");
        var settings = template with { Logs = Path.Combine(folder, "logs"), Out = trained, Holdout = 0.1, HoldoutSessions = 0.1 };
        var path = Path.Combine(trained, "evaluation.json");
        Run(settings, retrain, result => File.WriteAllText(path, JsonSerializer.Serialize(
            new OfflineEvaluation([.. result.Metrics], [.. result.NextTrack ?? []]))));
        return JsonSerializer.Deserialize<OfflineEvaluation>(File.ReadAllText(path))!;
    }

    private static double Run(TrainSettings settings, bool retrain, Action<TrainResult> keep)
    {
        var stamp = Path.Combine(settings.Out, Stamp);
        var description = settings.ToString();
        if (!retrain && File.Exists(stamp))
        {
            var lines = File.ReadAllLines(stamp);
            if (lines.Length == 2 && lines[1] == description) return double.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        if (Directory.Exists(settings.Out)) Directory.Delete(settings.Out, recursive: true);
        Directory.CreateDirectory(settings.Out);
        var clock = Stopwatch.StartNew();
        TrainResult result;
        using (var log = new StreamWriter(Path.Combine(settings.Out, "train.log")) { AutoFlush = true })
        {
            result = TrainingRun.Run(settings, log);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        keep(result);
        File.WriteAllLines(stamp, [seconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture), description]);
        return seconds;
    }
}
