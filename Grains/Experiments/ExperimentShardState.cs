using Botify.Contracts.AbTesting;

namespace Botify.Grains.Experiments;

/// <summary>The stored state of one aggregate shard: every user's last confirmed contribution (the sums are rebuilt from them).</summary>
public sealed class ExperimentShardState
{
    public List<ShardUser> Users { get; set; } = [];

    /// <summary>One user's contribution: arm, version and closed-session tally.</summary>
    public sealed class ShardUser
    {
        public long User { get; set; }
        public string Arm { get; set; } = "";
        public long Version { get; set; }
        public UserArmTally Tally { get; set; } = new();
    }
}
