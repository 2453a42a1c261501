namespace Botify.Gateway;

/// <summary>User and track ids in the URL path: plain decimal integers 0..2147483647.</summary>
public static class PathId
{
    /// <summary>Parses an id; on failure <paramref name="error"/> names the field and the accepted form.</summary>
    public static bool TryParse(string? text, string field, out int id, out ApiError? error)
    {
        id = 0;
        error = null;
        if (text is { Length: > 0 and <= 10 })
        {
            long value = 0;
            var digits = true;
            foreach (var c in text)
            {
                if ((uint)(c - '0') > 9) { digits = false; break; }
                value = value * 10 + (c - '0');
            }
            if (digits && value <= int.MaxValue)
            {
                id = (int)value;
                return true;
            }
        }
        error = new ApiError($"{field} must be an integer 0..2147483647 in the path, got '{Shorten(text)}'", field);
        return false;
    }

    internal static string Shorten(string? text) => text is null ? "" : text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "...");
}
