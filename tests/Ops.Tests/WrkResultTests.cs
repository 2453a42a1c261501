using Botify.Ops.Bench;

namespace Botify.Ops.Tests;

public sealed class WrkResultTests
{
    [Fact]
    public void Parses_the_result_line_of_a_real_wrk_run_against_the_ceiling()
    {
        var result = WrkResult.Parse(Captured.Read("wrk-ceiling.txt"));

        Assert.Equal(new WrkResult(12560, 2021369, 851, 205214, 0, 0), result);
        Assert.Equal(6213.6, result.RequestsPerSecond, 1); // wrk's own "Requests/sec: 6213.61"
        Assert.Equal(0, result.Errors);
    }

    [Fact]
    public void Counts_non_2xx_answers_as_errors()
    {
        var result = WrkResult.Parse(Captured.Read("wrk-no-catalog-503.txt"));

        Assert.Equal(632, result.Requests);
        Assert.Equal(632, result.StatusErrors); // wrk: "Non-2xx or 3xx responses: 632"
        Assert.Equal(632, result.Errors);
    }

    [Fact]
    public void Output_without_the_result_line_names_the_script()
    {
        var output = Captured.Read("wrk-ceiling.txt").Replace("BENCH ", "", StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => WrkResult.Parse(output));
        Assert.Contains("bench/next.lua", error.Message);
    }

    [Theory]
    [InlineData("BENCH requests=10 duration_us=1000000 p50_us=1 p99_us=2 status_errors=0", "socket_errors")]
    [InlineData("BENCH requests=ten duration_us=1000000 p50_us=1 p99_us=2 status_errors=0 socket_errors=0", "requests=ten")]
    public void An_incomplete_or_malformed_result_line_is_named(string line, string named)
    {
        var error = Assert.Throws<FormatException>(() => WrkResult.Parse("Running 1s test\n" + line + "\n"));
        Assert.Contains(named, error.Message);
    }
}
