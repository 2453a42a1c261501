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

    public static BprOptions SmallModel(BprOptions defaults) => defaults with
    {
        Dimensions = 16,
        Epochs = 30,
        BatchesPerEpoch = 4,
        LearningRate = 0.05,
        Threads = 2,
    };
}
