namespace Botify.Ops.Bench;

/// <summary>What `bench` (./bench.sh) measures and how; the defaults, written once.</summary>
public sealed record BenchOptions
{
    /// <summary>Seconds of wrk warm-up before each measured window: a fresh gateway still spends ~20 % of its CPU in the JIT after 10 s under load.</summary>
    public int WarmupSeconds { get; init; } = 30;

    public int DurationSeconds { get; init; } = 15;
    public int Connections { get; init; } = 32;
    public int Threads { get; init; } = 2;

    /// <summary>Random users out of this many; also the synthetic per-user tables' rows.</summary>
    public int Users { get; init; } = 10_000;

    public int Episodes { get; init; } = 10_000;
    public int Seed { get; init; } = 42;

    /// <summary>Redis to use instead of a throwaway redis-server (it gets a catalog published; user state of earlier runs stays).</summary>
    public string? Redis { get; init; }

    public bool NoBuild { get; init; }

    /// <summary>Passed to every gateway start (e.g. --Botify:Dashboard=false).</summary>
    public IReadOnlyList<string> GatewayExtra { get; init; } = [];

    /// <summary>Track ids per synthetic user row and per track row, and the top list's length.</summary>
    public int UserRowLength { get; init; } = 100;

    public int TrackRowLength { get; init; } = 50;
    public int TopTracks { get; init; } = 100;

    /// <summary>User-state keys sampled for Redis MEMORY USAGE.</summary>
    public int MemorySample { get; init; } = 200;

    /// <summary>Redis keys of user state ({ServiceId}/state/user/{user}, README "Redis layout"), counted and sampled for memory.</summary>
    public string UserStateKeys { get; init; } = "botify/state/user/*";

    /// <summary>
    /// Distinct-user counts of the scale scenario (`--users 10000,100000,1000000`), ascending; empty = the standard scenarios.
    /// </summary>
    public IReadOnlyList<long> ScaleUsers { get; init; } = [];

    /// <summary>Rows of the scale scenario's per-user tables (users beyond have no row: Session falls back to Random for them).</summary>
    public int ScaleTableUsers { get; init; } = 10_000;

    /// <summary>Connections that bring the gateway to N distinct users (one `/next` each) before a scale row is measured.</summary>
    public int FillConnections { get; init; } = 32;

    /// <summary>Users the scale scenario plays to a full history (history and request-id window full) for Redis MEMORY USAGE.</summary>
    public int FullHistoryUsers { get; init; } = 20;

    /// <summary>Plays that fill a user's history and request-id window (the service's defaults: 100 and 16).</summary>
    public int FullHistoryPlays { get; init; } = 120;

    /// <summary>
    /// Botify:IdleDeactivation of the scale scenario's gateway: longer than the largest fill and its window, so every row is measured
    /// with all N users active; then the idle row waits this long (plus the silo's collection quantum) for them to be deactivated.
    /// Zero: the service's default, and no idle row.
    /// </summary>
    public TimeSpan ScaleIdle { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the idle row reads the gateway's activations while it waits.</summary>
    public TimeSpan IdlePoll { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan WrkTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
