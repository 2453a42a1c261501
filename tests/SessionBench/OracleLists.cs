using System.Globalization;
using System.Text;
using Botify.Contracts.Catalog;
using Botify.Sim.World;

namespace Botify.SessionBench;

/// <summary>
/// For orientation only (the service never sees embeddings): the perfect per-user lists — each listener's
/// <see cref="PerInterest"/> true nearest tracks of each of their interests, interleaved — and the measures of
/// how close a trained table comes to them.
/// </summary>
public sealed class OracleLists
{
    public const string TableName = "oracle_lists";
    public const int PerInterest = 50;

    private readonly int[][] lists;
    private readonly HashSet<int>[] truth;
    private readonly SimWorld world;
    private HashSet<int>[]? trackTruth;

    private OracleLists(SimWorld world, int[][] lists)
    {
        this.world = world;
        this.lists = lists;
        truth = new HashSet<int>[lists.Length];
        for (var u = 0; u < lists.Length; u++) truth[u] = [.. lists[u]];
    }

    /// <summary>The nearest tracks by true dot product of every listener's interests.</summary>
    public static OracleLists Build(SimWorld world)
    {
        var listeners = world.Listeners;
        var d = world.Dimension;
        var interests = listeners.Length == 0 ? 0 : listeners[0].Interests.Length;
        var queries = new float[listeners.Length * interests * d];
        for (var u = 0; u < listeners.Length; u++)
        {
            for (var k = 0; k < interests; k++) world.Embedding(listeners[u].Interests[k]).CopyTo(queries.AsSpan((u * interests + k) * d, d));
        }
        var nearest = NearestTrackSearch.TopK(world.Embeddings, world.TrackCount, d, queries, PerInterest);
        var lists = new int[listeners.Length][];
        for (var u = 0; u < listeners.Length; u++)
        {
            var list = new List<int>(interests * PerInterest);
            for (var r = 0; r < PerInterest; r++)
            {
                for (var k = 0; k < interests; k++)
                {
                    var track = nearest[u * interests + k][r];
                    if (!list.Contains(track)) list.Add(track);
                }
            }
            lists[u] = [.. list];
        }
        return new OracleLists(world, lists);
    }

    /// <summary>Writes the lists as a per-user table (recommendations_oracle_lists.json) the Session and Indexed recommenders read.</summary>
    public void Write(string folder)
    {
        var text = new StringBuilder();
        for (var u = 0; u < lists.Length; u++)
        {
            text.Append("{\"user\":").Append(u.ToString(CultureInfo.InvariantCulture)).Append(",\"tracks\":[");
            text.AppendJoin(',', lists[u]).Append("]}\n");
        }
        File.WriteAllText(Path.Combine(folder, $"recommendations_{TableName}.json"), text.ToString());
    }

    /// <summary>Share of the first <paramref name="k"/> tracks of each user's row among that user's true nearest tracks, over users with a row.</summary>
    public (double Share, int Users) UserListQuality(RecommendationTable table, int k = 15)
    {
        double sum = 0;
        var users = 0;
        foreach (var (user, row) in table.Rows)
        {
            if (user < 0 || user >= truth.Length || row.Length == 0) continue;
            var n = Math.Min(k, row.Length);
            var hits = 0;
            for (var r = 0; r < n; r++) hits += truth[user].Contains(row[r]) ? 1 : 0;
            sum += (double)hits / n;
            users++;
        }
        return (users == 0 ? 0 : sum / users, users);
    }

    /// <summary>Share of each track's row (whole) among that track's <see cref="PerInterest"/> true nearest other tracks, over tracks with a row.</summary>
    public (double Share, int Tracks) TrackRowQuality(RecommendationTable table)
    {
        trackTruth ??= TrackTruth();
        double sum = 0;
        var tracks = 0;
        foreach (var (track, row) in table.Rows)
        {
            if (track < 0 || track >= trackTruth.Length || row.Length == 0) continue;
            var hits = 0;
            foreach (var t in row) hits += trackTruth[track].Contains(t) ? 1 : 0;
            sum += (double)hits / row.Length;
            tracks++;
        }
        return (tracks == 0 ? 0 : sum / tracks, tracks);
    }

    private HashSet<int>[] TrackTruth()
    {
        var nearest = NearestTrackSearch.TopK(world.Embeddings, world.TrackCount, world.Dimension, world.Embeddings, PerInterest + 1);
        var result = new HashSet<int>[world.TrackCount];
        for (var t = 0; t < result.Length; t++)
        {
            result[t] = [.. nearest[t]];
            result[t].Remove(t);
        }
        return result;
    }
}
