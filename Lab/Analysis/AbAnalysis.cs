using Botify.Contracts.AbTesting;
using Botify.Contracts.EventLog;
using Botify.Contracts.Experiments;

namespace Botify.Lab.Analysis;

/// <summary>
/// The A/B analysis of SIM_AND_AB.md: arm of each event = experiments[name]; sessions per
/// (user, arm) in timestamp order (ties keep the input order), closed by a `last` event; user-level
/// metrics over closed sessions; each treatment vs control with a Welch interval, in % of the control mean.
/// </summary>
public static class AbAnalysis
{
    /// <summary>Tracks of a session that hit the simulator's default cap: the first track plus 500 recommendations.</summary>
    public const int DefaultCappedSessionTracks = 501;

    /// <summary>
    /// Analyses <paramref name="experiment"/> in <paramref name="events"/> (any order, any number of
    /// log files concatenated). Throws <see cref="UnknownExperimentException"/> when the experiment or
    /// its control arm is absent.
    /// </summary>
    public static AbReport Analyse(IEnumerable<LogEvent> events, string experiment, string control = "C", double confidence = 0.95,
        int cappedSessionTracks = DefaultCappedSessionTracks)
    {
        var list = events as IReadOnlyList<LogEvent> ?? events.ToList();
        var arms = new List<string>();
        var armIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = new Entry[list.Count];
        var count = 0;
        long withoutExperiment = 0;

        ExperimentArm[]? lastExperiments = null;
        var lastArm = -1;
        for (var i = 0; i < list.Count; i++)
        {
            var e = list[i];
            if (!ReferenceEquals(e.Experiments, lastExperiments))
            {
                lastExperiments = e.Experiments;
                lastArm = -1;
                if (e.ArmOf(experiment) is { } arm)
                {
                    if (!armIndex.TryGetValue(arm, out lastArm))
                    {
                        lastArm = arms.Count;
                        armIndex[arm] = lastArm;
                        arms.Add(arm);
                    }
                }
            }

            if (lastArm < 0)
            {
                withoutExperiment++;
                continue;
            }

            entries[count++] = new Entry(e.User, lastArm, e.Timestamp, i);
        }

        if (count == 0)
        {
            var found = ExperimentsIn(list);
            throw new UnknownExperimentException(
                $"experiment '{experiment}' is not in the {list.Count:N0} events; found: {Describe(found)}. Pass one of them with --experiment.",
                found);
        }

        Array.Sort(entries, 0, count, EntryComparer.Instance);

        var users = new List<UserArmMetrics>();
        var closed = new long[arms.Count];
        var tracksPerArm = new long[arms.Count];
        var unclosed = new long[arms.Count];
        var unclosedEvents = new long[arms.Count];
        var usersPerArm = new int[arms.Count];
        var longest = new long[arms.Count];
        var capped = new long[arms.Count];

        var g = 0;
        while (g < count)
        {
            var user = entries[g].User;
            var arm = entries[g].Arm;
            var tally = new UserArmTally();
            for (; g < count && entries[g].User == user && entries[g].Arm == arm; g++)
            {
                var e = list[entries[g].Index];
                tally.Play(e.Time, e.Latency * 1000.0);
                if (e.IsLast)
                {
                    var sessionTracks = tally.CloseSession();
                    longest[arm] = Math.Max(longest[arm], sessionTracks);
                    if (sessionTracks >= cappedSessionTracks) capped[arm]++;
                }
            }

            if (tally.OpenTracks > 0)
            {
                unclosed[arm]++;
                unclosedEvents[arm] += tally.OpenTracks;
            }

            if (tally.Sessions > 0)
            {
                closed[arm] += tally.Sessions;
                tracksPerArm[arm] += tally.Tracks;
                usersPerArm[arm]++;
                users.Add(UserArmMetrics.Of(user, arms[arm], tally));
            }
        }

        var summaries = new List<ArmSummary>(arms.Count);
        foreach (var armName in OrderArms(arms))
        {
            var a = armIndex[armName];
            summaries.Add(new ArmSummary(armName, usersPerArm[a], closed[a], tracksPerArm[a], unclosed[a], unclosedEvents[a], longest[a], capped[a]));
        }

        if (!armIndex.TryGetValue(control, out var controlIndex) || usersPerArm[controlIndex] == 0)
        {
            var found = ExperimentsIn(list);
            throw new UnknownExperimentException(
                $"experiment '{experiment}' has no closed session in control arm '{control}'; its arms: {string.Join(", ", OrderArms(arms))}. Pass " +
                    $"the control arm with --control.",
                found);
        }

        var rows = new List<AbRow>();
        var controlUsers = Select(users, control);
        foreach (var summary in summaries)
        {
            if (summary.Arm == control)
            {
                continue;
            }

            var treatmentUsers = Select(users, summary.Arm);
            foreach (var metric in AbMetrics.All)
            {
                rows.Add(Compare(summary.Arm, metric, controlUsers, treatmentUsers, confidence));
            }
        }

        return new AbReport(experiment, control, confidence, summaries, rows, users, withoutExperiment);
    }

    /// <summary>Experiments named in the events, with their arms (for "unknown experiment" answers).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ExperimentsIn(IEnumerable<LogEvent> events)
    {
        var seen = new HashSet<ExperimentArm[]>(ReferenceEqualityComparer.Instance);
        var found = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            if (!seen.Add(e.Experiments))
            {
                continue;
            }

            foreach (var (name, arm) in e.Experiments)
            {
                if (!found.TryGetValue(name, out var set))
                {
                    found[name] = set = new SortedSet<string>(StringComparer.Ordinal);
                }

                set.Add(arm);
            }
        }

        return found.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)OrderArms(p.Value).ToList());
    }

    private static string Describe(IReadOnlyDictionary<string, IReadOnlyList<string>> found) =>
        found.Count == 0
            ? "no experiments at all (events carry an empty \"experiments\" object)"
            : string.Join(", ", found.Select(p => $"{p.Key} (arms {string.Join("/", p.Value)})"));

    private static AbRow Compare(string treatment, string metric, List<UserArmMetrics> control, List<UserArmMetrics> treated, double confidence) =>
        AbComparison.Compare(treatment, metric, SampleMoments.Of(Values(control, metric)), SampleMoments.Of(Values(treated, metric)), confidence);

    private static double[] Values(List<UserArmMetrics> users, string metric)
    {
        var values = new double[users.Count];
        for (var i = 0; i < users.Count; i++)
        {
            values[i] = users[i].Metric(metric);
        }

        return values;
    }

    private static List<UserArmMetrics> Select(List<UserArmMetrics> users, string arm) => users.Where(u => u.Arm == arm).ToList();

    private static IEnumerable<string> OrderArms(IEnumerable<string> arms) => AbComparison.OrderArms(arms);

    private readonly record struct Entry(int User, int Arm, long Timestamp, int Index);

    private sealed class EntryComparer : IComparer<Entry>
    {
        public static readonly EntryComparer Instance = new();

        public int Compare(Entry x, Entry y)
        {
            var c = x.User.CompareTo(y.User);
            if (c != 0) return c;
            c = x.Arm.CompareTo(y.Arm);
            if (c != 0) return c;
            c = x.Timestamp.CompareTo(y.Timestamp);
            return c != 0 ? c : x.Index.CompareTo(y.Index);
        }
    }
}
