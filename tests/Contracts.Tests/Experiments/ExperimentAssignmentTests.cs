using Botify.Contracts.Experiments;
using Botify.TestSupport;

namespace Botify.Contracts.Tests.Experiments;

public sealed class ExperimentAssignmentTests
{
    [Fact]
    public void Murmur3_matches_published_test_vectors()
    {
        // Published vectors of the reference implementation (unsigned), covering every tail length.
        Assert.Equal(0u, Murmur3.Hash32([], 0));
        Assert.Equal(0x514E28B7u, Murmur3.Hash32([], 1));
        Assert.Equal(0x81F16F39u, Murmur3.Hash32([], 0xffffffff));
        Assert.Equal(0xBA6BD213u, Murmur3.Hash32("test"u8, 0));
        Assert.Equal(0x24884CBAu, Murmur3.Hash32("Hello, world!"u8, 0x9747b28c));
        Assert.Equal(0x5A97808Au, Murmur3.Hash32("aaaa"u8, 0x9747b28c));
        Assert.Equal(0x283E0130u, Murmur3.Hash32("aaa"u8, 0x9747b28c));
        Assert.Equal(0x5D211726u, Murmur3.Hash32("aa"u8, 0x9747b28c));
        Assert.Equal(0x7FA09EA6u, Murmur3.Hash32("a"u8, 0x9747b28c));
        Assert.Equal(0x248BFA47u, Murmur3.Hash32("hello"u8, 0));
        Assert.Equal(0x2E4FF723u, Murmur3.Hash32("The quick brown fox jumps over the lazy dog"u8, 0));
    }

    [Fact]
    public void Assignment_matches_every_row_of_the_reference_csv()
    {
        var lines = File.ReadAllLines(RepositoryFiles.Reference("experiment_assignments.csv"));
        Assert.Equal("experiment,split,user,treatment_index", lines[0]);
        var rows = 0;
        var mismatches = new List<string>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            var (experiment, split, user, expected) = (f[0], int.Parse(f[1]), long.Parse(f[2]), int.Parse(f[3]));
            var actual = ExperimentAssignment.ArmIndex(user, experiment, split);
            if (actual != expected) mismatches.Add($"{line} → got {actual}");
            rows++;
        }
        Assert.Equal(100, rows);
        Assert.Empty(mismatches);
    }

    [Fact]
    public void A_seed_computed_once_gives_the_same_arms_as_the_name()
    {
        // The simulator's in-process mode hashes the experiment name once and passes the seed per user.
        foreach (var line in File.ReadAllLines(RepositoryFiles.Reference("experiment_assignments.csv")).Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            var seed = ExperimentAssignment.Seed(f[0]);
            Assert.True(int.Parse(f[3]) == ExperimentAssignment.ArmIndex(int.Parse(f[2]), seed, int.Parse(f[1])),
                $"experiment {f[0]} split {f[1]} user {f[2]}");
        }
    }

    [Fact]
    public void Arm_names_are_C_then_T1_T2()
    {
        Assert.Equal(["C", "T1", "T2", "T8"], new[] { 0, 1, 2, 8 }.Select(ExperimentAssignment.ArmName));
    }
}
