using System.Text.Json;
using MathNet.Numerics.Distributions;

namespace Botify.Sim.Tests;

/// <summary>
/// The A/B analysis of SIM_AND_AB.md, small and private to these tests: sessions per (user, arm) by
/// timestamp closed by `last`, per-user mean tracks and time per session, Welch 95 % intervals.
/// </summary>
internal static class UserLevelAb
{
    public sealed record Row(string Metric, double ControlMean, double TreatmentMean, double Effect, double Lower, double Upper, int ControlUsers, int TreatmentUsers, long ControlSessions, long TreatmentSessions)
    {
        public bool Significant => Lower > 0 || Upper < 0;
    }

    public static List<Row> Analyse(string logDirectory, string experiment, string control, string treatment)
    {
        var events = new List<(int User, string Arm, long Timestamp, double Time, bool Last)>();
        foreach (var file in Directory.EnumerateFiles(logDirectory, "*.jsonl", SearchOption.AllDirectories))
            foreach (var line in File.ReadLines(file))
            {
                using var doc = JsonDocument.Parse(line);
                var e = doc.RootElement;
                if (!e.GetProperty("experiments").TryGetProperty(experiment, out var arm)) continue;
                events.Add((e.GetProperty("user").GetInt32(), arm.GetString()!, e.GetProperty("timestamp").GetInt64(), e.GetProperty("time").GetDouble(), e.GetProperty("message").GetString() == "last"));
            }

        var perUser = new Dictionary<(int, string), (long Sessions, long Tracks, double Time, long OpenTracks, double OpenTime)>();
        foreach (var e in events.OrderBy(e => e.User).ThenBy(e => e.Arm, StringComparer.Ordinal).ThenBy(e => e.Timestamp))
        {
            var s = perUser.GetValueOrDefault((e.User, e.Arm));
            s.OpenTracks++;
            s.OpenTime += e.Time;
            if (e.Last)
            {
                s.Sessions++;
                s.Tracks += s.OpenTracks;
                s.Time += s.OpenTime;
                s.OpenTracks = 0;
                s.OpenTime = 0;
            }
            perUser[(e.User, e.Arm)] = s;
        }

        (double[] Tracks, double[] Time, long Sessions) Arm(string name)
        {
            var users = perUser.Where(p => p.Key.Item2 == name && p.Value.Sessions > 0).Select(p => p.Value).ToArray();
            return (users.Select(u => (double)u.Tracks / u.Sessions).ToArray(), users.Select(u => u.Time / u.Sessions).ToArray(), users.Sum(u => u.Sessions));
        }

        var c = Arm(control);
        var t = Arm(treatment);
        return
        [
            Welch("mean_tracks_per_session", c.Tracks, t.Tracks, c.Sessions, t.Sessions),
            Welch("mean_time_per_session", c.Time, t.Time, c.Sessions, t.Sessions),
        ];
    }

    private static Row Welch(string metric, double[] control, double[] treatment, long controlSessions, long treatmentSessions)
    {
        var (mc, vc) = MeanVariance(control);
        var (mt, vt) = MeanVariance(treatment);
        var a = vc / control.Length;
        var b = vt / treatment.Length;
        var se = Math.Sqrt(a + b);
        var df = (a + b) * (a + b) / (a * a / (control.Length - 1) + b * b / (treatment.Length - 1));
        var q = StudentT.InvCDF(0, 1, df, 0.975);
        return new Row(metric, mc, mt, (mt - mc) / mc * 100, (mt - mc - q * se) / mc * 100, (mt - mc + q * se) / mc * 100,
            control.Length, treatment.Length, controlSessions, treatmentSessions);
    }

    private static (double Mean, double Variance) MeanVariance(double[] values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return (mean, variance);
    }
}
