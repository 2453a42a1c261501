namespace Botify.Lab.Training;

/// <summary>Hyper-parameters of <see cref="MatrixFactorisation"/> ("LFM"), defaults measured on SessionBench logs (see the README).</summary>
public sealed record MatrixFactorisationOptions
{
    public static readonly MatrixFactorisationOptions Defaults = new();

    public RankingLoss Loss { get; init; } = RankingLoss.Bpr;

    /// <summary>Embedding dimensions.</summary>
    public int Dimensions { get; init; } = 64;

    /// <summary>Most epochs (one epoch visits as many sampled positives as there are).</summary>
    public int MaxEpochs { get; init; } = 200;

    /// <summary>Adagrad learning rate (LightFM's learning_rate).</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>L2 penalty per update on the rows it touches (LightFM's item_alpha / user_alpha).</summary>
    public double Regularisation { get; init; } = 1e-5;

    /// <summary>Learn a per-track bias (LightFM's item bias).</summary>
    public bool ItemBias { get; init; } = true;

    /// <summary>Most negatives drawn per WARP step (LightFM's max_sampled).</summary>
    public int WarpMaxSamples { get; init; } = 10;

    /// <summary>Standard deviation of the Gaussian initial embeddings.</summary>
    public double InitScale { get; init; } = 0.1;

    public EarlyStoppingOptions EarlyStopping { get; init; } = EarlyStoppingOptions.Defaults;

    public int Seed { get; init; } = 42;

    /// <summary>Worker threads; results do not depend on it for a fixed <see cref="Blocks"/>.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Users and tracks fall into this many blocks; the strata of one sub-epoch touch disjoint rows (fixes the result for a seed).</summary>
    public int Blocks { get; init; } = 2;

    /// <summary>A message naming the `train` option to fix, or null.</summary>
    public string? Problem() =>
        Dimensions is < 1 or > 1024 || MaxEpochs < 0 || !(LearningRate > 0) || !(Regularisation >= 0) || WarpMaxSamples < 1 || Blocks < 1 || !(InitScale > 0)
            ? "--lfm-dim must be 1..1024, --lfm-epochs ≥ 0, --lfm-lr > 0, --lfm-reg ≥ 0, --lfm-warp-samples ≥ 1."
            : EarlyStopping.Problem();
}
