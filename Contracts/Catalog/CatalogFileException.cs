namespace Botify.Contracts.Catalog;

/// <summary>
/// A catalog file that cannot be used as it is: names the file, the 1-based line and the
/// reason, so the message reads `tracks.json:17: track id -3 is negative; ...`.
/// </summary>
public sealed class CatalogFileException : Exception
{
    public CatalogFileException(string file, int line, string reason)
        : base(line > 0 ? $"{file}:{line}: {reason}" : $"{file}: {reason}")
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    /// <summary>The file name as the user gave it (path relative to the catalog folder where possible).</summary>
    public string File { get; }

    /// <summary>1-based line number; 0 when the problem is the file as a whole (missing, empty).</summary>
    public int Line { get; }

    public string Reason { get; }
}
