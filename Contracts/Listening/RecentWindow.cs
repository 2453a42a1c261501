using System.Collections;

namespace Botify.Contracts.Listening;

/// <summary>
/// The last few values of a user's state (plays, session plays, applied request ids), oldest first, in one array that grows
/// to the limit and then stays: a new value at the limit drops the oldest by moving the others down one place (a memmove of at
/// most a few hundred bytes), so recommenders read one contiguous span and a play allocates nothing once the window is full.
/// </summary>
public sealed class RecentWindow<T> : IReadOnlyList<T>
    where T : struct
{
    private const int FirstCapacity = 4;

    private T[] items;
    private int count;

    public RecentWindow() => items = [];

    /// <summary>A window holding <paramref name="values"/> (oldest first), sized exactly to them.</summary>
    public RecentWindow(ReadOnlySpan<T> values)
    {
        items = values.ToArray();
        count = items.Length;
    }

    public int Count => count;

    public T this[int index] => (uint)index < (uint)count ? items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The values, oldest first.</summary>
    public ReadOnlySpan<T> AsSpan() => items.AsSpan(0, count);

    /// <summary>Appends <paramref name="value"/>, keeping the last <paramref name="limit"/> values (fewer after a shrunk limit).</summary>
    public void Add(T value, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (count >= limit)
        {
            var keep = limit - 1;
            Array.Copy(items, count - keep, items, 0, keep);
            count = keep;
        }
        else if (count == items.Length)
        {
            Array.Resize(ref items, Math.Min(limit, Math.Max(FirstCapacity, count * 2)));
        }
        items[count++] = value;
    }

    /// <summary>Empties the window and keeps its array (the next session fills it again).</summary>
    public void Clear() => count = 0;

    public T[] ToArray() => AsSpan().ToArray();

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < count; i++) yield return items[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
