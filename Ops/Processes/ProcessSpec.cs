namespace Botify.Ops.Processes;

/// <summary>
/// A process the command starts: what to run, where its output goes, and the text its command line must contain
/// (<paramref name="Marker"/>), so a pid recorded earlier is only ever signalled while it still names that program.
/// </summary>
public sealed record ProcessSpec(string Name, string FileName, IReadOnlyList<string> Arguments, string LogPath, string Marker)
{
    /// <summary>
    /// In its own session (setsid) with no terminal: it outlives the command (cluster up) and a Ctrl-C typed later does not reach it.
    /// Otherwise it shares the command's process group and is stopped when the command ends.
    /// </summary>
    public bool Detached { get; init; }

    /// <summary>Environment variables set (a value) or removed (null) for the child.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>The command line as a shell would show it, for messages and logs.</summary>
    public string CommandLine => string.Join(' ', Arguments.Prepend(FileName).Select(Quote));

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@,+".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";
}
