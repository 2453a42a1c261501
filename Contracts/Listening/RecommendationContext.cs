using Botify.Contracts.Catalog;

namespace Botify.Contracts.Listening;

/// <summary>What a recommender sees for one request: the user, their previous play, their state and one catalog snapshot.</summary>
public readonly struct RecommendationContext(
    long user, int prevTrack, double prevTime, UserState state, CatalogSnapshot catalog, Random random)
{
    public long User { get; } = user;

    /// <summary>The track the user just played (already the last entry of <see cref="History"/>).</summary>
    public int PrevTrack { get; } = prevTrack;

    /// <summary>Share of <see cref="PrevTrack"/> listened to, 0..1.</summary>
    public double PrevTime { get; } = prevTime;

    /// <summary>The user's persisted state; the session recommender updates its method and fail count.</summary>
    public UserState State { get; } = state;

    public CatalogSnapshot Catalog { get; } = catalog;

    public Random Random { get; } = random;

    /// <summary>The last plays, oldest first.</summary>
    public ReadOnlySpan<int> History => State.History.AsSpan();

    /// <summary>The current session's plays, oldest first, the previous play last (empty unless the recommender <see
    /// cref="IRecommender.NeedsSession"/>).</summary>
    public ReadOnlySpan<SessionPlay> Session => State.Session.AsSpan();

    /// <summary>The user's row of a per-user table; false when the table, or its row for this user, is missing or empty.</summary>
    public bool TryGetUserRow(string table, out int[] row) =>
        TryGetRow(table, TableKeyKind.User, User, out row);

    /// <summary>The previous track's row of a per-track table; false when missing or empty.</summary>
    public bool TryGetTrackRow(string table, out int[] row) =>
        TryGetRow(table, TableKeyKind.Track, PrevTrack, out row);

    private bool TryGetRow(string name, TableKeyKind kind, long key, out int[] row)
    {
        var table = Catalog.Table(name);
        // A table of the other key kind is treated as missing: its keys mean something else.
        if (table is null || table.KeyKind != kind || key < 0 || key > int.MaxValue || !table.TryGetRow((int)key, out row) || row.Length == 0)
        {
            row = [];
            return false;
        }
        return true;
    }
}
