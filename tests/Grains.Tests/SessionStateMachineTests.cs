using Botify.Grains.Recommenders;

namespace Botify.Grains.Tests;

public sealed class SessionStateMachineTests
{
    private readonly SessionStateMachine machine = new(new SessionOptions());

    [Theory]
    [InlineData("lgcf", 0.35)]
    [InlineData("lfm", 0.30)]
    [InlineData("lgcf_m", 0.35)]
    public void Time_equal_to_the_threshold_is_a_success(string method, double threshold)
    {
        Assert.Equal(new SessionPosition(method, 0), machine.Advance(new SessionPosition(method, 1), threshold));
        Assert.Equal(new SessionPosition(method, 1), machine.Advance(new SessionPosition(method, 0), Math.BitDecrement(threshold)));
    }

    [Theory]
    [InlineData("lgcf", 4, "lfm")]
    [InlineData("lfm", 2, "lgcf_m")]
    [InlineData("lgcf_m", 4, "lgcf")]
    public void Reaching_the_back_count_moves_to_the_next_method(string method, int backCount, string next)
    {
        var position = new SessionPosition(method, 0);
        for (var i = 1; i < backCount; i++)
        {
            position = machine.Advance(position, 0.0);
            Assert.Equal(new SessionPosition(method, i), position);
        }
        Assert.Equal(new SessionPosition(next, 0), machine.Advance(position, 0.0));
    }

    [Fact]
    public void A_success_resets_the_fail_count()
    {
        var position = machine.Advance(machine.Advance(machine.Start, 0.1), 0.1);
        Assert.Equal(new SessionPosition("lgcf", 2), position);
        Assert.Equal(new SessionPosition("lgcf", 0), machine.Advance(position, 0.9));
    }

    [Fact]
    public void Ten_failures_go_round_the_whole_cycle_back_to_lgcf()
    {
        var position = machine.Start;
        var visited = new List<string> { position.Method };
        for (var i = 0; i < 4 + 2 + 4; i++)
        {
            position = machine.Advance(position, 0.0);
            if (position.Method != visited[^1]) visited.Add(position.Method);
        }
        Assert.Equal(["lgcf", "lfm", "lgcf_m", "lgcf"], visited);
        Assert.Equal(new SessionPosition("lgcf", 0), position);
    }

    [Fact]
    public void An_unknown_method_restarts_the_cycle()
    {
        Assert.Equal(new SessionPosition("lgcf", 1), machine.Advance(new SessionPosition("dssm", 3), 0.0));
        Assert.Equal(new SessionPosition("lgcf", 1), machine.Advance(new SessionPosition("", 0), 0.0));
    }

    [Fact]
    public void Thresholds_back_counts_and_cycle_come_from_the_options()
    {
        var custom = new SessionStateMachine(new SessionOptions
        {
            Cycle = "lfm, lgcf",
            StartMethod = "lfm",
            Thresholds = new() { ["lfm"] = 0.9, ["lgcf"] = 0.1 },
            BackCounts = new() { ["lfm"] = 1, ["lgcf"] = 3 },
        });
        Assert.Equal(new SessionPosition("lfm", 0), custom.Start);
        Assert.Equal(new SessionPosition("lgcf", 0), custom.Advance(custom.Start, 0.8));
        Assert.Equal(new SessionPosition("lgcf", 0), custom.Advance(new SessionPosition("lgcf", 0), 0.1));
    }

    [Fact]
    public void A_cycle_method_without_a_threshold_is_rejected_naming_the_key()
    {
        var error = Assert.Throws<ArgumentException>(() => new SessionStateMachine(new SessionOptions { Cycle = "lgcf,dssm" }));
        Assert.Contains("Botify:Session:Thresholds:dssm", error.Message);
    }
}
