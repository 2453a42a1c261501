namespace Botify.Ops.Tools;

/// <summary>Where the repository and the binaries of the programs this command starts are.</summary>
public sealed class RepositoryLayout(string root)
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public const string TargetFramework = "net10.0";

    public string Root { get; } = root;

    /// <summary>The folder holding Orleans.sln above this command's binaries (the scripts run it from there).</summary>
    public static RepositoryLayout Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln"))) return new RepositoryLayout(dir.FullName);
        }
        throw new OpsException(
            $"no Orleans.sln above {AppContext.BaseDirectory}: run the command from the repository's build output (./run.sh, ./cluster.sh, ./bench.sh)");
    }

    /// <summary>Build output folder of a project, e.g. Gateway → Gateway/bin/Release/net10.0.</summary>
    public string OutputOf(string projectFolder) => Path.Combine(Root, projectFolder, "bin", Configuration, TargetFramework);

    /// <summary>The main assembly of a project's build output; an error naming the build command when it is missing.</summary>
    public string AssemblyOf(string projectFolder)
    {
        var name = Path.GetFileName(projectFolder);
        var path = Path.Combine(OutputOf(projectFolder), name + ".dll");
        if (!File.Exists(path))
            throw new OpsException($"{path} is missing: build it with `dotnet build Ops/Ops.csproj -c {Configuration}` (or run without --no-build)");
        return path;
    }

    /// <summary>A path given on the command line: relative to the current folder (the scripts run from the repository root).</summary>
    public static string FromUser(string path) => Path.GetFullPath(path);

    public string InRoot(params string[] parts) => Path.Combine([Root, .. parts]);
}
