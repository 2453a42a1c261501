using Botify.Ops.Cluster;

namespace Botify.Ops.Tests;

public sealed class FailoverWindowTests
{
    [Fact]
    public void The_window_of_a_user_on_the_killed_silo_ends_with_its_first_200_after_the_failures()
    {
        const long kill = 10_000;
        ProbeCall[] calls =
        [
            new(1, 9_900, 9_910, 200),
            new(1, 10_010, 11_500, 503), // failed after the kill
            new(1, 11_600, 11_610, 503),
            new(1, 11_700, 12_100, 200), // first 200 after the last failure: 2.1 s after the kill
            new(2, 9_950, 9_960, 200), // another silo: never held up
            new(2, 10_050, 10_060, 200),
        ];

        var window = FailoverWindow.From(calls, kill);

        Assert.Equal(2, window.ProbeUsers);
        Assert.Equal([2.1], window.WindowsSeconds);
        Assert.Equal(2, window.FailedCalls);
        Assert.StartsWith("1 of 2 probe users lived on the killed silo", window.Describe());
    }

    [Fact]
    public void A_call_that_stalled_over_a_second_counts_as_held_up()
    {
        ProbeCall[] calls = [new(1, 10_000, 11_800, 200), new(1, 11_900, 11_910, 200)];

        var window = FailoverWindow.From(calls, 10_000);

        Assert.Equal([1.8], window.WindowsSeconds);
        Assert.Equal(0, window.FailedCalls);
    }
}
