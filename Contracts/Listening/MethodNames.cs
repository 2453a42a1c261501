using System.Text;

namespace Botify.Contracts.Listening;

/// <summary>
/// One string per distinct session-recommender method name read from storage, so a million loaded users share a handful of
/// "lgcf" strings instead of holding one each. Bounded: past <see cref="Limit"/> distinct names a new name is its own string.
/// </summary>
public sealed class MethodNames
{
    public const int Limit = 64;

    private readonly Lock gate = new();
    private string[] names = [];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        foreach (var name in Volatile.Read(ref names))
        {
            if (Encoding.UTF8.GetByteCount(name) == utf8.Length && Matches(name, utf8)) return name;
        }
        return Add(Encoding.UTF8.GetString(utf8));
    }

    public string Get(string name)
    {
        foreach (var known in Volatile.Read(ref names))
        {
            if (known == name) return known;
        }
        return Add(name);
    }

    private static bool Matches(string name, ReadOnlySpan<byte> utf8)
    {
        Span<byte> buffer = stackalloc byte[256];
        return utf8.Length <= buffer.Length && Encoding.UTF8.GetBytes(name, buffer) == utf8.Length && buffer[..utf8.Length].SequenceEqual(utf8);
    }

    private string Add(string name)
    {
        lock (gate)
        {
            foreach (var known in names)
            {
                if (known == name) return known;
            }
            if (names.Length < Limit) names = [.. names, name];
            return name;
        }
    }
}
