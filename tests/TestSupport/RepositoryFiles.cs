namespace Botify.TestSupport;

/// <summary>Finds files of the shared reference folder next to the repository.</summary>
public static class RepositoryFiles
{
    /// <summary>The folder holding Orleans.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no folder above {AppContext.BaseDirectory} contains Orleans.sln; run the tests from inside the repository");
    }

    /// <summary>A file of ../shared/reference/ relative to the repository; fails naming the path when it is missing.</summary>
    public static string Reference(string name)
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "reference", name));
        if (!File.Exists(path))
            throw new FileNotFoundException($"reference file {path} is missing; it is expected in shared/reference/ next to the repository folder", path);
        return path;
    }
}
