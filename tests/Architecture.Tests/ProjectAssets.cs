using System.Text.Json;
using Botify.TestSupport;

namespace Botify.Architecture.Tests;

/// <summary>
/// What restore resolved for one project (its `obj/project.assets.json`): every package and project it
/// depends on, directly or through others, and every shared framework any of them needs.
/// </summary>
public sealed record ProjectAssets(string Project, IReadOnlySet<string> Packages, IReadOnlySet<string> Projects, IReadOnlySet<string> Frameworks)
{
    /// <summary>The assets of the project in folder <paramref name="folder"/> (relative to the repository root).</summary>
    public static ProjectAssets Of(string folder)
    {
        var path = Path.Combine(RepositoryFiles.RepositoryRoot(), folder, "obj", "project.assets.json");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing; restore the solution first (dotnet build Orleans.sln)", path);
        }
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var packages = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var projects = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var library in root.GetProperty("libraries").EnumerateObject())
        {
            var name = library.Name[..library.Name.IndexOf('/')];
            if (library.Value.GetProperty("type").GetString() == "project") projects.Add(name);
            else packages.Add(name);
        }
        var frameworks = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var framework in root.GetProperty("project").GetProperty("frameworks").EnumerateObject())
        {
            if (!framework.Value.TryGetProperty("frameworkReferences", out var direct)) continue;
            foreach (var reference in direct.EnumerateObject()) frameworks.Add(reference.Name);
        }
        foreach (var target in root.GetProperty("targets").EnumerateObject())
        {
            foreach (var library in target.Value.EnumerateObject())
            {
                if (!library.Value.TryGetProperty("frameworkReferences", out var needed)) continue;
                foreach (var reference in needed.EnumerateArray()) frameworks.Add(reference.GetString()!);
            }
        }
        return new ProjectAssets(folder, packages, projects, frameworks);
    }
}
