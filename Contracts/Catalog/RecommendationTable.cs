using System.Collections.Frozen;

namespace Botify.Contracts.Catalog;

/// <summary>A named, immutable table of ranked track lists keyed by user or by track.</summary>
public sealed class RecommendationTable
{
    private readonly FrozenDictionary<int, int[]> rows;

    public RecommendationTable(string name, TableKeyKind keyKind, IReadOnlyDictionary<int, int[]> rows)
    {
        Name = name;
        KeyKind = keyKind;
        this.rows = rows.ToFrozenDictionary();
    }

    public string Name { get; }

    public TableKeyKind KeyKind { get; }

    public int RowCount => rows.Count;

    public IEnumerable<KeyValuePair<int, int[]>> Rows => rows;

    /// <summary>The ranked list for a key; false when the table has no row for it.</summary>
    public bool TryGetRow(int key, out int[] row)
    {
        if (rows.TryGetValue(key, out var found))
        {
            row = found;
            return true;
        }
        row = [];
        return false;
    }
}
