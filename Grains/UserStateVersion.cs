namespace Botify.Grains;

/// <summary>
/// The version of a stored user record that the next write must still find there (the record's `etag` field). The service writes a
/// random nonzero number (<see cref="Number"/>: no allocation per write); an ETag left by another writer, such as Orleans' grain storage
/// before this store (a GUID), is kept as <see cref="Text"/> until the first write replaces it.
/// </summary>
public readonly record struct UserStateVersion(long Number, string? Text = null)
{
    /// <summary>No record stored.</summary>
    public static UserStateVersion None => default;

    /// <summary>A fresh version for the next write (random, so a record deleted and written again never repeats an older one).</summary>
    public static UserStateVersion Next() => new(Random.Shared.NextInt64(1, long.MaxValue));

    /// <summary>The ETag text to compare with the stored one ("" for none).</summary>
    public override string ToString() => Text ?? (Number == 0 ? "" : Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
