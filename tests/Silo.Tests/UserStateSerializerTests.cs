using System.Text.Json;
using Botify.Contracts.Listening;
using Botify.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace Botify.Silo.Tests;

/// <summary>The source-generated user-state serializer reads and writes what the reflection serializer of earlier versions stored.</summary>
public sealed class UserStateSerializerTests
{
    private static readonly SystemTextJsonGrainStorageSerializer Reflection =
        new(Options.Create(new SystemTextJsonGrainStorageSerializerOptions()));

    private static UserState Sample() => new()
    {
        History = [3, 1, 4, 1, 5],
        Method = "lgcf_m",
        FailCount = 2,
        Session = [new SessionPlay(4, 0.25), new SessionPlay(5, 1.0)],
        Applied = [new AppliedRequest(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), 5),
            new AppliedRequest(Guid.Parse("7c9e6679-7425-40de-944b-e07fc1f90ae7"), -1)],
    };

    private static void AssertSame(UserState expected, UserState? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected.Method, actual.Method);
        Assert.Equal(expected.FailCount, actual.FailCount);
        Assert.Equal(expected.Session, actual.Session);
        Assert.Equal(expected.Applied, actual.Applied);
    }

    [Fact]
    public void State_written_by_the_reflection_serializer_reads_back()
    {
        var stored = Reflection.Serialize(Sample());
        AssertSame(Sample(), UserStateStorage.CreateSerializer().Deserialize<UserState>(stored));
    }

    [Fact]
    public void State_it_writes_reads_back_with_the_reflection_serializer_and_keeps_the_documented_names()
    {
        var written = UserStateStorage.CreateSerializer().Serialize(Sample());
        AssertSame(Sample(), Reflection.Deserialize<UserState>(written));
        var root = JsonDocument.Parse(written.ToString()).RootElement;
        Assert.Equal(["history", "method", "failCount", "session", "applied", "experiments"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(4, root.GetProperty("session")[0].GetProperty("track").GetInt32());
        Assert.Equal(5, root.GetProperty("applied")[0].GetProperty("recommendation").GetInt32());
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
        var error = Assert.Throws<JsonException>(() => UserStateStorage.CreateSerializer().Deserialize<UserState>(BinaryData.FromString("null")));
        Assert.Contains("delete the key", error.Message);
    }
}
