namespace Botify.Architecture.Tests;

/// <summary>
/// The README's Layout table ("may depend on"), checked against what restore resolved, so a reference
/// added anywhere — directly or through another project or package — fails here with the chain to cut.
/// </summary>
public sealed class DependencyRulesTests
{
    public static TheoryData<string, string> ForbiddenPackages() => new()
    {
        // The contracts library and the offline tools read formats; they must not pull a service runtime in.
        { "Contracts", "Microsoft.Orleans" },
        { "Contracts", "StackExchange.Redis" },
        { "Contracts", "Microsoft.AspNetCore" },
        { "Sim", "Microsoft.Orleans" },
        { "Sim", "StackExchange.Redis" },
        { "Sim", "Microsoft.AspNetCore" },
        { "Lab", "Microsoft.Orleans" },
        { "Lab", "Microsoft.AspNetCore" },
        { "Catalogs.Redis", "Microsoft.Orleans" },
        // Ops starts the service's programs as child processes; it links only the offline tools.
        { "Ops", "Microsoft.Orleans" },
        // Grains carries no Redis: storage and catalogs are the hosting's business.
        { "Grains", "StackExchange.Redis" },
    };

    public static TheoryData<string, string> ForbiddenProjects() => new()
    {
        { "Gateway", "Silo" },
        { "Contracts", "Grains.Interfaces" },
        { "Contracts", "Grains" },
        { "Sim", "Grains.Interfaces" },
        { "Sim", "Grains" },
        { "Sim", "Hosting" },
        { "Sim", "Catalogs.Redis" },
        { "Lab", "Grains.Interfaces" },
        { "Lab", "Grains" },
        { "Lab", "Hosting" },
        { "Ops", "Grains" },
        { "Ops", "Hosting" },
        { "Grains", "Catalogs.Redis" },
        { "Grains", "Hosting" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenPackages))]
    public void A_project_does_not_depend_on_a_forbidden_package_directly_or_transitively(string project, string prefix)
    {
        var assets = ProjectAssets.Of(project);
        var found = assets.Packages.Where(p => p.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        var frameworks = assets.Frameworks.Where(f => f.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(found.Count == 0 && frameworks.Count == 0,
            $"{project} depends on {string.Join(", ", found.Concat(frameworks))} (its projects: {string.Join(", ", assets.Projects)}); "
            + $"the README's Layout table says {project} may not depend on {prefix}*: "
            + "move the code that needs it, or reference a library that does not bring it");
    }

    [Theory]
    [MemberData(nameof(ForbiddenProjects))]
    public void A_project_does_not_reference_a_forbidden_project_directly_or_transitively(string project, string forbidden)
    {
        var assets = ProjectAssets.Of(project);
        Assert.False(assets.Projects.Contains(forbidden),
            $"{project} references {forbidden} (its project closure: {string.Join(", ", assets.Projects)}); "
            + "the README's Layout table forbids it: reference the library that holds what you need instead");
    }

    [Fact]
    public void The_rules_apply_to_projects_that_exist()
    {
        // A renamed folder would make the rules above pass vacuously.
        foreach (var project in new[] { "Contracts", "Sim", "Lab", "Grains", "Gateway", "Catalogs.Redis", "Hosting", "Silo", "Grains.Interfaces", "Ops" })
        {
            var csproj = Path.Combine(Botify.TestSupport.RepositoryFiles.RepositoryRoot(), project, project + ".csproj");
            Assert.True(File.Exists(csproj), $"{project}/{project}.csproj is missing");
        }
        Assert.Contains("Contracts", ProjectAssets.Of("Lab").Projects);
        Assert.Contains("Contracts", ProjectAssets.Of("Sim").Projects);
        Assert.Contains("Microsoft.Orleans.Core", ProjectAssets.Of("Grains").Packages);
    }
}
