using System.Text.RegularExpressions;
using Botify.TestSupport;

namespace Botify.Architecture.Tests;

/// <summary>Conventions of the sources that `dotnet format` cannot enforce (see .editorconfig).</summary>
public sealed partial class SourceRulesTests
{
    private const int MaxLineLength = 160;

    [Fact]
    public void No_source_line_is_longer_than_160_characters()
    {
        var root = RepositoryFiles.RepositoryRoot();
        var offenders = new List<string>();
        var files = 0;
        foreach (var path in SourceFiles(root))
        {
            var relative = Path.GetRelativePath(root, path);
            files++;
            var number = 0;
            foreach (var line in File.ReadLines(path))
            {
                number++;
                if (line.Length > MaxLineLength) offenders.Add($"{relative}:{number}: {line.Length} characters");
            }
        }
        Assert.True(files > 100, $"only {files} .cs files found under {root}");
        Assert.True(offenders.Count == 0,
            $"{offenders.Count} line(s) over {MaxLineLength} characters (.editorconfig max_line_length); wrap them:\n{string.Join("\n", offenders.Take(50))}");
    }

    [Theory]
    [InlineData("Dockerfile.silo", "Silo")]
    [InlineData("Dockerfile.gateway", "Gateway")]
    public void A_dockerfile_copies_every_project_its_image_builds_from(string dockerfile, string project)
    {
        var root = RepositoryFiles.RepositoryRoot();
        var text = File.ReadAllText(Path.Combine(root, "docker", dockerfile));
        var copied = CopyPattern().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var needed = ProjectClosure(root, project);
        var missing = needed.Where(p => !copied.Contains(p)).ToList();
        Assert.True(missing.Count == 0,
            $"docker/{dockerfile} builds {project}, which needs {string.Join(", ", needed)}; add COPY lines for {string.Join(", ", missing)}");
        Assert.DoesNotContain("tests", copied);
    }

    /// <summary>The project folders a project's build reads: itself and every ProjectReference, transitively.</summary>
    private static SortedSet<string> ProjectClosure(string root, string project)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!found.Add(next)) continue;
            var csproj = File.ReadAllText(Path.Combine(root, next, next + ".csproj"));
            foreach (Match reference in ReferencePattern().Matches(csproj)) pending.Push(reference.Groups[1].Value);
        }
        return found;
    }

    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or ".git" or ".cluster"));

    [GeneratedRegex(@"^COPY\s+([A-Za-z0-9_.]+)/\s", RegexOptions.Multiline)]
    private static partial Regex CopyPattern();

    [GeneratedRegex(@"<ProjectReference\s+Include=""\.\./([A-Za-z0-9_.]+)/[A-Za-z0-9_.]+\.csproj""")]
    private static partial Regex ReferencePattern();
}
