using Botify.TestSupport;

namespace Botify.Security.Tests;

/// <summary>The built executables of the repository (same configuration as these tests), run with `dotnet X.dll`.</summary>
internal static class Binaries
{
    public static string Gateway => Dll("Gateway");

    public static string Silo => Dll("Silo");

    public static string Lab => Dll("Lab");

    public static string Ops => Dll("Ops");

    private static string Dll(string project)
    {
        // tests/Security.Tests/bin/<Configuration>/<tfm>/
        var tfm = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var path = Path.Combine(RepositoryFiles.RepositoryRoot(), project, "bin", configuration, tfm, project + ".dll");
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} is not built; run `dotnet build Orleans.sln -c {configuration}` first", path);
        return path;
    }
}
