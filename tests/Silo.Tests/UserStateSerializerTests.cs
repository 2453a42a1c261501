using Botify.Contracts.Listening;
using Botify.Hosting;

namespace Botify.Silo.Tests;

/// <summary>The grain storage serializer writes user state as the compact record, reads it and the JSON of format 1 back.</summary>
public sealed class UserStateSerializerTests
{
    // A format-1 record as earlier versions stored it (README "Redis layout" before the compact format).
    private const string Format1 = """
        {"history":[3,1,4,1,5],"method":"lgcf_m","failCount":2,"session":[{"track":4,"time":0.25},{"track":5,"time":1}],
        "applied":[{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","recommendation":5},{"id":"7c9e6679-7425-40de-944b-e07fc1f90ae7","recommendation":-1}],
        "experiments":[{"experiment":"SESSION","arm":"T1","version":2,"sent":1,"tally":{"openTracks":1,"openTime":0.25,"openLatencyMs":0.7,
        "sessions":2,"tracks":9,"time":3.5,"latencyMs":12.125}}]}
        """;

    [Fact]
    public void User_state_is_written_in_format_2_and_reads_back()
    {
        var serializer = UserStateStorage.CreateSerializer();
        var state = serializer.Deserialize<UserState>(BinaryData.FromString(Format1))!;
        var written = serializer.Serialize(state);
        Assert.Equal(UserRecord.Format, written.ToArray()[0]);
        var again = serializer.Deserialize<UserState>(written)!;
        Assert.Equal([3, 1, 4, 1, 5], again.History);
        Assert.Equal(("lgcf_m", 2), (again.Method, again.FailCount));
        Assert.Equal([new SessionPlay(4, 0.25), new SessionPlay(5, 1.0)], again.Session);
        Assert.Equal([new AppliedRequest(RequestKey.Of(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")), 5),
            new AppliedRequest(RequestKey.Of(Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7")), -1)], again.Applied);
        var t = Assert.Single(again.Experiments);
        Assert.Equal(("SESSION", "T1", 2L, 1L, true), (t.Experiment, t.Arm, t.Version, t.Sent, t.Pending));
        Assert.Equal((1, 0.25, 0.7, 2, 9L, 3.5, 12.125),
            (t.Tally.OpenTracks, t.Tally.OpenTime, t.Tally.OpenLatencyMs, t.Tally.Sessions, t.Tally.Tracks, t.Tally.Time, t.Tally.LatencyMs));
    }

    [Fact]
    public void Other_state_types_go_through_the_reflection_serializer()
    {
        var serializer = UserStateStorage.CreateSerializer();
        var written = serializer.Serialize(new Dictionary<string, int> { ["a"] = 1 });
        Assert.Equal(1, serializer.Deserialize<Dictionary<string, int>>(written)!["a"]);
    }

    [Fact]
    public void A_stored_null_is_refused_with_a_message_naming_the_fix()
    {
        var error = Assert.Throws<FormatException>(() => UserStateStorage.CreateSerializer().Deserialize<UserState>(BinaryData.FromString("null")));
        Assert.Contains("delete the key", error.Message);
    }
}
