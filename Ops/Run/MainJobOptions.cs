namespace Botify.Ops.Run;

/// <summary>What `run` (./run.sh) was asked to do; the defaults of the main job, written once.</summary>
public sealed record MainJobOptions
{
    public int Seed { get; init; } = 42;
    /// <summary>Day 1 at the seed's scale: 1,000,000 episodes ≈ 7.5M logged events.</summary>
    public int Day1Episodes { get; init; } = 1_000_000;
    public int Day2Episodes { get; init; } = 10_000;

    /// <summary>Redis HOST:PORT to use; null = a throwaway redis-server when installed, else in memory.</summary>
    public string? Redis { get; init; }

    public bool InMemory { get; init; }

    /// <summary>Output folder; null = runs/seed-N.</summary>
    public string? Out { get; init; }

    /// <summary>Gateway port; null = a free one.</summary>
    public int? Port { get; init; }

    /// <summary>How day 1 is collected: <see cref="Day1InProcess"/> (the simulator's in-process mode) or <see cref="Day1Http"/> (the service).</summary>
    public string Day1Via { get; init; } = Day1InProcess;

    public const string Day1InProcess = "in-process";
    public const string Day1Http = "http";

    /// <summary>Threads of the in-process day 1; null = one per core.</summary>
    public int? Day1Workers { get; init; }

    /// <summary>Keep day 1's event log after training (by default it is dropped once the tables are trained; its size is printed).</summary>
    public bool KeepLogs { get; init; }

    /// <summary>
    /// The models `lab train --models` trains for day 2 (TopPop and Contextual always train): LFM and LGCF for T1 (Session) and T3 (Indexed:gcf),
    /// the similar-artists table for T2 (SessionNeighbours). <see cref="AllModels"/> trains every model `lab train` knows.
    /// </summary>
    public string TrainModels { get; init; } = Day2Models;

    public const string Day2Models = "LFM,LGCF,SimilarArtists";
    public const string AllModels = "all";

    /// <summary>
    /// `lab train --similar-two-hop` for the similar-artists table T2 reads: 0 (direct evidence only) at the seed's scale, where Lab's default
    /// two-hop term (0.3, chosen at 20,000 day-1 episodes) blurs the lists (SessionBench seed 42, 1M day-1 episodes: 2.13× → 2.42× StickyArtist).
    /// </summary>
    public double SimilarTwoHop { get; init; }

    /// <summary>Hold out positives and sessions and print `lab train`'s offline evaluation (off by default: day 2 is the evaluation).</summary>
    public bool Evaluate { get; init; }

    public bool KeepRunning { get; init; }
    public bool NoBuild { get; init; }
    /// <summary>A world folder to play instead of the generated data/world-N (ours, or the course's tracks.json + tracks.npy + users.json).</summary>
    public string? World { get; init; }

    public int? WorldTracks { get; init; }
    public int? WorldArtists { get; init; }
    public int? WorldListeners { get; init; }

    /// <summary>The recommender of day 2's arm T2 (the project's own).</summary>
    public string T2 { get; init; } = "SessionNeighbours";

    /// <summary>The recommender of day 2's arm T3: the trained LightGCN table on its own, the model behind T1.</summary>
    public string T3 { get; init; } = "Indexed:gcf";

    /// <summary>How long a graceful stop of the gateway may take (it drains the event log) before SIGKILL.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the gateway may take to answer /health after its start.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the service may take to swap in a published catalog.</summary>
    public TimeSpan SwapTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public ExperimentPlan Day1 { get; init; } = new("DAY1", [("C", "Random"), ("T1", "StickyArtist")]);

    public ExperimentPlan Day2 => new("DAY2", [("C", "StickyArtist"), ("T1", "Session"), ("T2", T2), ("T3", T3)]);

    public int Day1Seed => Seed * 1000 + 1;
    public int Day2Seed => Seed * 1000 + 2;
}
