using System.Buffers;
using System.Text.Json;
using Xunit.Abstractions;

namespace Botify.Gateway.Tests;

/// <summary>
/// The body parser against an independent reading with JsonDocument, on seeded random
/// mutations (BOTIFY_FUZZ_SEED / BOTIFY_FUZZ_COUNT override the defaults): it never throws,
/// accepts exactly the bodies that are a JSON object of an integer track 0..2^31-1 and a
/// finite time 0..1, each once, and reads the same values.
/// </summary>
public sealed class PlayBodyParserFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Parser_agrees_with_a_reference_reading_on_random_mutations()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("BOTIFY_FUZZ_SEED"), out var s) ? s : 20261127;
        var count = int.TryParse(Environment.GetEnvironmentVariable("BOTIFY_FUZZ_COUNT"), out var c) ? c : 20_000;
        var mutator = new BodyMutator(seed);
        var accepted = 0;
        for (var i = 0; i < count; i++)
        {
            var body = mutator.Next();
            var error = PlayBodyParser.TryParse(new ReadOnlySequence<byte>(body), out var play);
            var expected = Reference(body);
            var shown = Convert.ToHexString(body);
            if (expected is { } valid)
            {
                Assert.True(error is null,
                    $"case {i} (seed {seed}) should be accepted: {System.Text.Encoding.UTF8.GetString(body)} [{shown}] but got: {error?.Message}");
                Assert.Equal(valid, play);
                accepted++;
            }
            else
            {
                Assert.True(error is not null, $"case {i} (seed {seed}) should be refused: {System.Text.Encoding.UTF8.GetString(body)} [{shown}]");
                Assert.False(string.IsNullOrWhiteSpace(error.Message));
                Assert.NotNull(error.Field); // an unknown field is named as sent, even ""
            }
        }
        output.WriteLine($"seed {seed}: {count} mutated bodies, {accepted} valid and accepted, {count - accepted} refused with a named field");
    }

    private static PlayBody? Reference(byte[] body)
    {
        var json = body.AsMemory();
        if (json.Span.StartsWith("\uFEFF"u8)) json = json[3..];
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            int? track = null;
            double? time = null;
            var properties = 0;
            foreach (var property in root.EnumerateObject())
            {
                properties++;
                if (property.Name == "track" && property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var t) && t >= 0) track = t;
                else if (property.Name == "time" && property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDouble(out var d)
                    && double.IsFinite(d) && d is >= 0 and <= 1) time = d + 0.0;
                else return null;
            }
            return properties == 2 && track is not null && time is not null ? new PlayBody(track.Value, time.Value) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null; // not JSON, or a name that is not valid UTF-8
        }
    }
}
