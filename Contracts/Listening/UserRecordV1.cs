using System.Text.Json.Serialization;
using Botify.Contracts.AbTesting;

namespace Botify.Contracts.Listening;

/// <summary>
/// The stored user record of format 1 (JSON, written until the compact format 2 of <see cref="UserRecord"/>), kept so old records
/// still load: <c>{"history":[...],"method":"lgcf","failCount":1,"session":[...],"applied":[{"id":"GUID","recommendation":45}],
/// "experiments":[{"experiment":"DAY2","arm":"C","version":3,"sent":3,"tally":{"openTracks":0,...}}]}</c> (the experiments from the live
/// experiment view on; absent before).
/// </summary>
public sealed class UserRecordV1
{
    [JsonPropertyName("history")]
    public List<int> History { get; set; } = [];

    [JsonPropertyName("method")]
    public string Method { get; set; } = "";

    [JsonPropertyName("failCount")]
    public int FailCount { get; set; }

    [JsonPropertyName("session")]
    public List<SessionPlay> Session { get; set; } = [];

    [JsonPropertyName("applied")]
    public List<AppliedV1> Applied { get; set; } = [];

    /// <summary>The experiment tallies (in records written since the live experiment view; absent before).</summary>
    [JsonPropertyName("experiments")]
    public List<UserExperimentTally> Experiments { get; set; } = [];

    /// <summary>An applied request of format 1: the full request GUID.</summary>
    public readonly record struct AppliedV1(
        [property: JsonPropertyName("id")] Guid Id,
        [property: JsonPropertyName("recommendation")] int Recommendation);
}
