using Botify.Lab.Training;

namespace Botify.Lab.Tests.Training;

/// <summary>Two disjoint user groups with disjoint tastes: users 0..N-1 like tracks 1000..1000+T-1, users N..2N-1 like 2000..2000+T-1.</summary>
internal static class PlantedData
{
    public const int UsersPerGroup = 40;
    public const int TracksPerGroup = 40;

    public static int GroupOfUser(int user) => user < UsersPerGroup ? 0 : 1;

    public static int GroupOfTrack(int track) => track < 2000 ? 0 : 1;

    public static int Track(int group, int index) => (group == 0 ? 1000 : 2000) + index;

    public static List<(int User, int Track)> Pairs(int perUser = 12, int seed = 3)
    {
        var rng = new Random(seed);
        var pairs = new List<(int, int)>();
        for (var user = 0; user < 2 * UsersPerGroup; user++)
        {
            var picks = Enumerable.Range(0, TracksPerGroup).OrderBy(_ => rng.Next()).Take(perUser);
            foreach (var index in picks)
            {
                pairs.Add((user, Track(GroupOfUser(user), index)));
            }
        }

        return pairs;
    }

    /// <summary>Early stopping for the tiny planted logs: every validation-capable user, a check every 2 epochs.</summary>
    public static readonly EarlyStoppingOptions Stopping = EarlyStoppingOptions.Defaults with { ValidationUsers = 40, CheckEvery = 2, Patience = 3, K = 10 };

    public static LightGcnOptions SmallGcf => LightGcnOptions.Defaults with
    {
        Dimensions = 16,
        MaxEpochs = 60,
        BatchSize = 256,
        LearningRate = 0.02,
        Regularisation = 1e-4, // 960 positives: the default's 1e-2 (tuned on 457k) shrinks these few embeddings too hard
        EarlyStopping = Stopping,
        Threads = 2,
    };

    public static MatrixFactorisationOptions SmallLfm => MatrixFactorisationOptions.Defaults with
    {
        Dimensions = 16,
        MaxEpochs = 60,
        LearningRate = 0.1,
        EarlyStopping = Stopping,
        Threads = 2,
    };
}
