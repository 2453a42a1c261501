namespace Botify.Ops.Processes;

/// <summary>The end of a log file, indented, for error messages.</summary>
public static class LogTail
{
    public static string Read(string path, int lines = 20)
    {
        try
        {
            var all = File.ReadAllLines(path);
            return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)).Select(l => "    | " + l));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"    (no output: {path} cannot be read)";
        }
    }
}
