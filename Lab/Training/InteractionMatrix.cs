namespace Botify.Lab.Training;

/// <summary>
/// Positive (user, track) pairs as a sparse binary matrix over dense indices, stored both ways (CSR):
/// users' sorted items and items' users. External ids are kept to map back (sorted, so the layout is deterministic).
/// </summary>
public sealed class InteractionMatrix
{
    private InteractionMatrix(int[] userIds, int[] trackIds, int[] userOffsets, int[] userItems, int[] itemOffsets, int[] itemUsers)
    {
        UserIds = userIds;
        TrackIds = trackIds;
        UserOffsets = userOffsets;
        UserItems = userItems;
        ItemOffsets = itemOffsets;
        ItemUsers = itemUsers;
    }

    /// <summary>External user id of each dense user index.</summary>
    public int[] UserIds { get; }

    /// <summary>External track id of each dense item index.</summary>
    public int[] TrackIds { get; }

    public int[] UserOffsets { get; }
    public int[] UserItems { get; }
    public int[] ItemOffsets { get; }
    public int[] ItemUsers { get; }

    public int Users => UserIds.Length;
    public int Items => TrackIds.Length;
    public int Count => UserItems.Length;

    public ReadOnlySpan<int> ItemsOf(int user) => UserItems.AsSpan(UserOffsets[user], UserOffsets[user + 1] - UserOffsets[user]);

    public ReadOnlySpan<int> UsersOf(int item) => ItemUsers.AsSpan(ItemOffsets[item], ItemOffsets[item + 1] - ItemOffsets[item]);

    public bool Contains(int user, int item) => ItemsOf(user).BinarySearch(item) >= 0;

    /// <summary>
    /// The same users and tracks (same dense indices) without the pairs <paramref name="removed"/> marks:
    /// <c>removed[k]</c> is true to drop the k-th pair in user order (<see cref="UserItems"/>).
    /// </summary>
    public InteractionMatrix Without(bool[] removed)
    {
        var pairs = new List<(int User, int Item)>(Count);
        for (var u = 0; u < Users; u++)
        {
            for (var k = UserOffsets[u]; k < UserOffsets[u + 1]; k++)
            {
                if (!removed[k])
                {
                    pairs.Add((u, UserItems[k]));
                }
            }
        }

        return FromDense(UserIds, TrackIds, pairs);
    }

    /// <summary>Builds the matrix from external (user, track) pairs; duplicates collapse to one.</summary>
    public static InteractionMatrix FromPairs(IReadOnlyList<(int User, int Track)> pairs)
    {
        var userIds = Distinct(pairs, p => p.User);
        var trackIds = Distinct(pairs, p => p.Track);
        var userIndex = Index(userIds);
        var trackIndex = Index(trackIds);

        var dense = new List<(int User, int Item)>(pairs.Count);
        foreach (var (user, track) in pairs)
        {
            dense.Add((userIndex[user], trackIndex[track]));
        }

        return FromDense(userIds, trackIds, dense);
    }

    /// <summary>CSR both ways from dense (user, item) pairs over the given id arrays; duplicates collapse to one.</summary>
    private static InteractionMatrix FromDense(int[] userIds, int[] trackIds, List<(int User, int Item)> pairs)
    {
        var keys = new long[pairs.Count];
        for (var k = 0; k < pairs.Count; k++)
        {
            keys[k] = ((long)pairs[k].User << 32) | (uint)pairs[k].Item;
        }

        Array.Sort(keys);
        var unique = 0;
        for (var k = 0; k < keys.Length; k++)
        {
            if (k == 0 || keys[k] != keys[k - 1])
            {
                keys[unique++] = keys[k];
            }
        }

        var userOffsets = new int[userIds.Length + 1];
        var userItems = new int[unique];
        var itemCounts = new int[trackIds.Length + 1];
        for (var k = 0; k < unique; k++)
        {
            userOffsets[(int)(keys[k] >> 32) + 1]++;
            userItems[k] = (int)(keys[k] & 0xFFFFFFFF);
            itemCounts[userItems[k] + 1]++;
        }

        for (var u = 0; u < userIds.Length; u++)
        {
            userOffsets[u + 1] += userOffsets[u];
        }

        for (var i = 0; i < trackIds.Length; i++)
        {
            itemCounts[i + 1] += itemCounts[i];
        }

        var itemOffsets = (int[])itemCounts.Clone();
        var itemUsers = new int[unique];
        var cursor = (int[])itemCounts.Clone();
        for (var u = 0; u < userIds.Length; u++)
        {
            for (var k = userOffsets[u]; k < userOffsets[u + 1]; k++)
            {
                itemUsers[cursor[userItems[k]]++] = u;
            }
        }

        return new InteractionMatrix(userIds, trackIds, userOffsets, userItems, itemOffsets, itemUsers);
    }

    private static int[] Distinct(IReadOnlyList<(int User, int Track)> pairs, Func<(int User, int Track), int> key)
    {
        var set = new HashSet<int>();
        foreach (var p in pairs)
        {
            set.Add(key(p));
        }

        var ids = set.ToArray();
        Array.Sort(ids);
        return ids;
    }

    private static Dictionary<int, int> Index(int[] ids)
    {
        var index = new Dictionary<int, int>(ids.Length);
        for (var k = 0; k < ids.Length; k++)
        {
            index[ids[k]] = k;
        }

        return index;
    }
}
