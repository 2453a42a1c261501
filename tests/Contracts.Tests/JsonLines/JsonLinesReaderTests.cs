using System.Text;
using Botify.Contracts.JsonLines;

namespace Botify.Contracts.Tests.JsonLines;

public sealed class JsonLinesReaderTests
{
    private static List<(JsonLineStatus Status, long Number, string Text)> ReadAll(string content, int maxLineBytes, int bufferBytes = 16)
    {
        using var reader = new JsonLinesReader(new MemoryStream(Encoding.UTF8.GetBytes(content)), maxLineBytes, bufferBytes);
        var lines = new List<(JsonLineStatus, long, string)>();
        while (true)
        {
            var status = reader.Read(out var line);
            if (status == JsonLineStatus.End) return lines;
            lines.Add((status, reader.LineNumber, Encoding.UTF8.GetString(line)));
        }
    }

    [Fact]
    public void Lines_come_back_numbered_without_their_line_ends_or_the_byte_order_mark()
    {
        var lines = ReadAll("\uFEFF{\"a\":1}\r\n\n{\"b\":2}\n{\"c\":3}", maxLineBytes: 100);
        Assert.Equal(
            [(JsonLineStatus.Line, 1L, "{\"a\":1}"), (JsonLineStatus.Line, 2L, ""), (JsonLineStatus.Line, 3L, "{\"b\":2}"),
                (JsonLineStatus.Line, 4L, "{\"c\":3}")],
            lines);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(1 << 16)]
    public void A_line_over_the_limit_is_reported_with_its_number_and_skipped_whole(int bufferBytes)
    {
        var huge = new string('x', 100_000);
        var lines = ReadAll($"short\n{huge}\nafter\n{huge}", maxLineBytes: 1000, bufferBytes);
        Assert.Equal(
            [(JsonLineStatus.Line, 1L, "short"), (JsonLineStatus.TooLong, 2L, ""), (JsonLineStatus.Line, 3L, "after"), (JsonLineStatus.TooLong, 4L, "")],
            lines);
    }

    [Fact]
    public void A_line_exactly_at_the_limit_is_a_line()
    {
        var lines = ReadAll(new string('y', 1000) + "\n" + new string('z', 1001) + "\n", maxLineBytes: 1000);
        Assert.Equal([JsonLineStatus.Line, JsonLineStatus.TooLong], lines.Select(l => l.Status));
        Assert.Equal(1000, lines[0].Text.Length);
    }
}
