namespace Botify.Lab.Training;

/// <summary>
/// Replays held-out sessions as the service would meet them: before each play after the first, the model's row
/// for (listener, previous track) — a per-user row, or the previous track's row — gives its first K tracks not
/// played earlier in the session (as the session recommender samples them); a hit is a next track whose listened share
/// (<see cref="TrainingData.Shares"/>) is above the positive threshold among them. The listener's first track is their own pick, never a target.
/// </summary>
public static class NextTrackEvaluator
{
    public const int DefaultK = 15;

    /// <summary><paramref name="rowFor"/>(user, previous track) is the model's ranked row (external track ids), or null when it has none.</summary>
    public static NextTrackMetrics Evaluate(string model, TrainingData data, Func<int, int, IReadOnlyList<int>?> rowFor, int k = DefaultK)
    {
        var played = new HashSet<int>();
        var candidates = new HashSet<int>();
        int targets = 0, hits = 0, answered = 0;
        foreach (var (session, shares) in data.HeldOutSessions)
        {
            played.Clear();
            played.Add(session[0].Track);
            for (var s = 1; s < session.Length; s++)
            {
                var next = session[s];
                if (shares[s] > data.PositiveThreshold && !played.Contains(next.Track))
                {
                    targets++;
                    candidates.Clear();
                    if (rowFor(next.User, session[s - 1].Track) is { } row)
                    {
                        for (var r = 0; r < row.Count && candidates.Count < k; r++)
                        {
                            if (!played.Contains(row[r]))
                            {
                                candidates.Add(row[r]);
                            }
                        }
                    }

                    answered += candidates.Count > 0 ? 1 : 0;
                    hits += candidates.Contains(next.Track) ? 1 : 0;
                }

                played.Add(next.Track);
            }
        }

        return new NextTrackMetrics(model, k, data.HeldOutSessions.Count, targets,
            targets == 0 ? 0 : (double)hits / targets, targets == 0 ? 0 : (double)answered / targets);
    }
}
