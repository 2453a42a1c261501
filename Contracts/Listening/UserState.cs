using System.Text.Json.Serialization;
using Botify.Contracts.AbTesting;

namespace Botify.Contracts.Listening;

/// <summary>
/// The persisted state of one user, stored as JSON (`redis-cli HGET <key> data` shows it):
/// the last plays, the current session's plays and times, the session recommender's method and consecutive-failure count, and the
/// ids of the last few applied requests for idempotent retries.
/// </summary>
public sealed class UserState
{
    /// <summary>The last tracks played, oldest first (at most the configured history length).</summary>
    [JsonPropertyName("history")]
    public List<int> History { get; set; } = [];

    /// <summary>The session recommender's current method (`lgcf`, `lfm`, `lgcf_m`, ...).</summary>
    [JsonPropertyName("method")]
    public string Method { get; set; } = "";

    /// <summary>Consecutive unsuccessful recommendations under <see cref="Method"/>.</summary>
    [JsonPropertyName("failCount")]
    public int FailCount { get; set; }

    /// <summary>
    /// The plays since the last `last` request, oldest first (at most the configured session length);
    /// kept only for users whose recommender reads it (<see cref="IRecommender.NeedsSession"/>).
    /// </summary>
    [JsonPropertyName("session")]
    public List<SessionPlay> Session { get; set; } = [];

    /// <summary>The last applied requests, oldest first (at most the configured idempotency window).</summary>
    [JsonPropertyName("applied")]
    public List<AppliedRequest> Applied { get; set; } = [];

    /// <summary>Per experiment the user is in: their tally and its contribution versions (the live experiment view).</summary>
    [JsonPropertyName("experiments")]
    public List<UserExperimentTally> Experiments { get; set; } = [];
}
