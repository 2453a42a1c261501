using Botify.Grains;
using Botify.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Botify.Silo.Tests;

/// <summary>When the silo returns deactivated grains' memory: after a drop to half the peak, by at least the configured count.</summary>
public sealed class DeactivatedMemoryReleaseTests
{
    [Fact]
    public void A_full_GC_runs_once_the_grains_fall_to_half_their_peak_and_by_the_threshold()
    {
        using var gauge = new ActivationGauge();
        var release = new DeactivatedMemoryRelease(gauge, Options.Create(new BotifyOptions { ReleaseMemoryAfter = 1_000 }), 0,
            NullLogger<DeactivatedMemoryRelease>.Instance);

        Assert.False(release.Check(10_000));
        Assert.False(release.Check(6_000)); // 40 % gone: not yet half
        var fullGcs = GC.CollectionCount(2);
        Assert.True(release.Check(5_000));
        Assert.True(GC.CollectionCount(2) > fullGcs);
        // The peak starts again from what is left.
        Assert.False(release.Check(3_000));
        Assert.True(release.Check(2_500));
        // A small silo is left alone: 900 gone is below the threshold although it is 60 % of the peak.
        var small = new DeactivatedMemoryRelease(gauge, Options.Create(new BotifyOptions { ReleaseMemoryAfter = 1_000 }), 0,
            NullLogger<DeactivatedMemoryRelease>.Instance);
        Assert.False(small.Check(1_500));
        Assert.False(small.Check(600));
    }

    [Fact]
    public void Zero_turns_it_off_unset_takes_the_hosts_default_and_a_negative_count_is_refused_with_the_fix()
    {
        using var gauge = new ActivationGauge();
        var off = new DeactivatedMemoryRelease(gauge, Options.Create(new BotifyOptions { ReleaseMemoryAfter = 0 }), 10_000,
            NullLogger<DeactivatedMemoryRelease>.Instance);
        Assert.False(off.Check(100_000) || off.Check(0));
        // Unset, the host's default applies: a cluster silo passes 0.
        var cluster = new DeactivatedMemoryRelease(gauge, Options.Create(new BotifyOptions()), 0, NullLogger<DeactivatedMemoryRelease>.Instance);
        Assert.False(cluster.Check(100_000) || cluster.Check(0));
        var single = new DeactivatedMemoryRelease(gauge, Options.Create(new BotifyOptions()), 10_000, NullLogger<DeactivatedMemoryRelease>.Instance);
        Assert.False(single.Check(100_000));
        Assert.True(single.Check(40_000));

        var errors = new BotifyOptionsValidator().Validate(null, new BotifyOptions { ReleaseMemoryAfter = -1 });
        Assert.Contains("Botify:ReleaseMemoryAfter is -1", errors.FailureMessage);
    }
}
