using Botify.Contracts.AbTesting;

namespace Botify.Contracts.Listening;

/// <summary>
/// The persisted state of one user: the last plays, the current session's plays and times, the session recommender's method and
/// consecutive-failure count, the keys of the last few applied requests for idempotent retries, and the user's tally in each
/// experiment they are in. Each list of plays or requests is a <see cref="RecentWindow{T}"/> of structs (no object per play); the
/// stored record is <see cref="UserRecord"/>'s compact layout.
/// </summary>
public sealed class UserState
{
    /// <summary>The last tracks played, oldest first (at most the configured history length).</summary>
    public RecentWindow<int> History { get; init; } = new();

    /// <summary>The session recommender's current method (`lgcf`, `lfm`, `lgcf_m`, ...).</summary>
    public string Method { get; set; } = "";

    /// <summary>Consecutive unsuccessful recommendations under <see cref="Method"/>.</summary>
    public int FailCount { get; set; }

    /// <summary>
    /// The plays since the last `last` request, oldest first (at most the configured session length);
    /// kept only for users whose recommender reads it (<see cref="IRecommender.NeedsSession"/>).
    /// </summary>
    public RecentWindow<SessionPlay> Session { get; init; } = new();

    /// <summary>The last applied requests, oldest first (at most the configured idempotency window).</summary>
    public RecentWindow<AppliedRequest> Applied { get; init; } = new();

    /// <summary>Per experiment the user is in: their tally and its contribution versions (the live experiment view).</summary>
    public List<UserExperimentTally> Experiments { get; set; } = [];
}
