using Botify.Contracts.Listening;
using Botify.Grains.Experiments;
using Botify.Grains.Recommenders;

namespace Botify.Grains;

/// <summary>Everything the grains read from the configuration section "Botify"; every default is written here once.</summary>
public sealed class BotifyOptions
{
    public const string SectionName = "Botify";

    /// <summary>Value of <see cref="ServingExperiment"/> that serves <see cref="DefaultRecommender"/> to everyone (arms are still recorded).</summary>
    public const string NoServingExperiment = "none";

    /// <summary>Recommender spec for users no experiment serves (see <see cref="ServingExperiment"/>).</summary>
    public string DefaultRecommender { get; set; } = "StickyArtist";

    /// <summary>The experiment whose arm chooses a user's recommender; empty = the first experiment, "none" = <see cref="DefaultRecommender"/>.</summary>
    public string ServingExperiment { get; set; } = "";

    /// <summary>Active experiments; when the configuration lists none, <see cref="DefaultExperiments"/> apply.</summary>
    public List<ExperimentOptions> Experiments { get; set; } = [];

    /// <summary>Tracks kept in a user's history (oldest dropped first).</summary>
    public int HistoryLength { get; set; } = ListenerStateRules.DefaultHistoryLength;

    /// <summary>Plays of the current session kept for session-aware recommenders (oldest dropped first).</summary>
    public int SessionLength { get; set; } = ListenerStateRules.DefaultSessionLength;

    /// <summary>Request ids a user grain remembers to answer retries without applying them twice.</summary>
    public int IdempotencyWindow { get; set; } = ListenerStateRules.DefaultIdempotencyWindow;

    /// <summary>
    /// How long a user grain stays in memory without a request before the silo deactivates it (its state is in storage; the next
    /// request reads it back). Ten minutes: longer than the gap between two plays of a listening session (one track, rarely over
    /// ten minutes), so a session is served from memory, while a listener who stopped frees their grain within eleven minutes
    /// (Orleans collects idle grains once a quantum, a minute here) and memory follows who is listening now, not everyone seen.
    /// </summary>
    public TimeSpan IdleDeactivation { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Deactivated user grains after which the silo returns their memory with one compacting full GC, once the user grains have also
    /// fallen to half their peak (Hosting's <c>DeactivatedMemoryRelease</c>); 0 = never (the memory is reused by new grains, not returned).
    /// That GC stops the silo for about 2–4 s per GB still live, so unset it is 10,000 on the single-machine gateway and 0 on a cluster
    /// silo, whose peers would count the stall as missed probes (1 s each) and could vote it dead.
    /// </summary>
    public int? ReleaseMemoryAfter { get; set; }

    public TopPopOptions TopPop { get; set; } = new();

    public SessionOptions Session { get; set; } = new();

    public SessionNeighboursOptions SessionNeighbours { get; set; } = new();

    public LiveExperimentOptions LiveExperiments { get; set; } = new();

    /// <summary>The listener-state rules these options configure (what <see cref="UserGrain"/> and the harnesses apply).</summary>
    public ListenerStateRules CreateStateRules() => new(HistoryLength, SessionLength, IdempotencyWindow, Session.StartMethod);

    /// <summary>The default A/B split: control StickyArtist against the seed's session recommender.</summary>
    public static List<ExperimentOptions> DefaultExperiments() =>
    [
        new ExperimentOptions
        {
            Name = "SESSION",
            Arms = new Dictionary<string, string> { ["C"] = "StickyArtist", ["T1"] = "Session" },
        },
    ];
}
