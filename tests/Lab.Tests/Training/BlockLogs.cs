using Botify.Lab.Training;

namespace Botify.Lab.Tests.Training;

/// <summary>
/// Block-structured positives: users and tracks fall into <see cref="Blocks"/> blocks; a user likes
/// <c>perUser</c> random tracks, each from the user's own block with probability <c>own</c>, else from any block.
/// A model that learned the structure ranks the user's block first; chance is 1 / Blocks.
/// </summary>
internal static class BlockLogs
{
    public const int Blocks = 5;
    public const int UsersPerBlock = 60;
    public const int TracksPerBlock = 80;

    public static int BlockOfUser(int user) => user % Blocks;

    public static int BlockOfTrack(int track) => track % Blocks;

    public static InteractionMatrix Matrix(int perUser = 10, double own = 0.9, int seed = 11)
    {
        var rng = new Random(seed);
        var pairs = new List<(int User, int Track)>();
        for (var user = 0; user < Blocks * UsersPerBlock; user++)
        {
            for (var k = 0; k < perUser; k++)
            {
                var block = rng.NextDouble() < own ? BlockOfUser(user) : rng.Next(Blocks);
                pairs.Add((user, block + Blocks * rng.Next(TracksPerBlock)));
            }
        }

        return InteractionMatrix.FromPairs(pairs);
    }

    /// <summary>The share of the users' top-<paramref name="k"/> lists (their positives left out) that falls in their own block.</summary>
    public static double OwnBlockShare(InteractionMatrix matrix, EmbeddingModel model, int k = 10)
    {
        var lists = model.Recommend(k, excludeSeen: true);
        long own = 0, total = 0;
        for (var u = 0; u < lists.Length; u++)
        {
            foreach (var item in lists[u])
            {
                total++;
                own += BlockOfTrack(matrix.TrackIds[item]) == BlockOfUser(matrix.UserIds[u]) ? 1 : 0;
            }
        }

        return (double)own / total;
    }
}
