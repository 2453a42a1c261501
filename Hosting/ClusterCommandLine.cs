namespace Botify.Hosting;

/// <summary>Flags that take no value on the command line (`--cluster`), rewritten so the configuration parser does not eat the next switch.</summary>
public static class ClusterCommandLine
{
    private static readonly string[] Flags = ["--cluster"];

    /// <summary>`--cluster --redis X` becomes `--cluster=true --redis X`; explicit `--cluster=false` or `--cluster false` stay as they are.</summary>
    public static string[] NormalizeFlags(string[] args)
    {
        var result = new string[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var isFlag = Array.IndexOf(Flags, arg.ToLowerInvariant()) >= 0;
            var nextIsValue = i + 1 < args.Length && bool.TryParse(args[i + 1], out _);
            result[i] = isFlag && !nextIsValue ? arg + "=true" : arg;
        }
        return result;
    }
}
