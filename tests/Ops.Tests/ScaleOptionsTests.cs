using Botify.Contracts.Listening;
using Botify.Ops.Bench;

namespace Botify.Ops.Tests;

/// <summary>The scale scenario's `--users` list and the record example its report prints.</summary>
public sealed class ScaleOptionsTests
{
    [Fact]
    public void Users_are_parsed_sorted_and_deduplicated_with_digit_separators()
    {
        Assert.Equal([10_000L, 100_000L, 1_000_000L], ScaleBenchmark.ParseUsers("1_000_000, 10000,100000,10000"));
    }

    [Theory]
    [InlineData("10k", "'10k'")]
    [InlineData("0", "'0'")]
    [InlineData("-5", "'-5'")]
    [InlineData(",", "no count given")]
    public void A_bad_user_count_is_named_with_an_example(string text, string named)
    {
        var e = Assert.Throws<FormatException>(() => ScaleBenchmark.ParseUsers(text));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
        Assert.Contains("10000,100000,1000000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compact_record_is_shown_as_hex_and_decoded()
    {
        var state = new UserState { Method = "lgcf", FailCount = 1 };
        state.History.Add(10, 100);
        state.History.Add(11, 100);
        state.Applied.Add(new AppliedRequest(0x1122334455667788, 45), 16);

        var text = RecordExample.Describe(UserRecord.Write(state));

        Assert.StartsWith("0202046c676366" + "0204ba" + "018877665544332211062e" + "00" + "00\n", text, StringComparison.Ordinal);
        Assert.EndsWith("(23 bytes, format 2: failCount 1, method \"lgcf\", 2 history tracks 10, … 11, 1 request keys, 0 session plays, "
            + "0 experiment tallies)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_json_record_is_shown_as_it_is_and_a_damaged_one_says_so()
    {
        Assert.Equal("{\"history\":[]}", RecordExample.Describe("{\"history\":[]}"u8.ToArray()));
        Assert.Contains("unreadable: stored user record", RecordExample.Describe([2, 0]), StringComparison.Ordinal);
        Assert.Equal("(no record)", RecordExample.Describe(null));
    }
}
