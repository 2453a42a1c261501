using Botify.Sim.InProcess;

namespace Botify.Sim.Tests;

public sealed class ExperimentAssignmentTests
{
    private static readonly string ReferenceFile = FindReference("experiment_assignments.csv");

    internal static string FindReference(string name)
    {
        foreach (var candidate in new[] { "/work/shared/reference", "../shared/reference" })
        {
            var path = Path.Combine(candidate, name);
            if (File.Exists(path)) return path;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "reference", name);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"reference file {name} not found under shared/reference");
    }

    [Fact]
    public void Arms_match_the_reference_service_vectors()
    {
        var lines = File.ReadAllLines(ReferenceFile).Skip(1).Where(l => l.Length > 0).ToArray();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var parts = line.Split(',');
            var assignment = new ExperimentAssignment(parts[0], int.Parse(parts[1]));
            Assert.True(int.Parse(parts[3]) == assignment.ArmIndex(int.Parse(parts[2])), $"experiment {parts[0]} split {parts[1]} user {parts[2]}");
        }
    }

    [Fact]
    public void Murmur3_matches_the_published_test_vectors()
    {
        Assert.Equal(0u, Murmur3.Hash32([], 0));
        Assert.Equal(0x514E28B7u, Murmur3.Hash32([], 1));
        Assert.Equal(0x248BFA47u, Murmur3.Hash32("hello"u8, 0));
        Assert.Equal(0x2E4FF723u, Murmur3.Hash32("The quick brown fox jumps over the lazy dog"u8, 0));
    }
}
