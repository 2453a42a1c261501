namespace Botify.Lab.Training;

/// <summary>
/// Hyper-parameters of the BPR-trained embedding models. <see cref="LightGcn"/> and
/// <see cref="MatrixFactorisation"/> hold the defaults (written once, there); every field is a `train` option.
/// </summary>
public sealed record BprOptions
{
    /// <summary>Embedding dimensions.</summary>
    public int Dimensions { get; init; } = 64;

    /// <summary>Propagation layers over the normalised user–track graph (0 = plain matrix factorisation).</summary>
    public int Layers { get; init; }

    public int Epochs { get; init; } = 20;

    /// <summary>Adam steps per epoch; each samples interactions/steps (user, positive, negative) triples.</summary>
    public int BatchesPerEpoch { get; init; } = 8;

    /// <summary>Adam learning rate.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>L2 penalty on all base embeddings, added to the gradient (as torch's Adam weight_decay).</summary>
    public double Regularisation { get; init; } = 1e-5;

    /// <summary>Learn a per-track bias (LightFM's item bias).</summary>
    public bool ItemBias { get; init; }

    /// <summary>WARP instead of BPR (per-sample trainer only): negatives drawn until one violates the margin.</summary>
    public bool Warp { get; init; }

    /// <summary>Most negatives drawn per WARP step (LightFM's max_sampled).</summary>
    public int WarpMaxSamples { get; init; } = 10;

    /// <summary>Standard deviation of the Gaussian initial embeddings.</summary>
    public double InitScale { get; init; } = 0.1;

    public int Seed { get; init; } = 42;

    /// <summary>Worker threads; results do not depend on it for a fixed <see cref="Partitions"/>.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Sample partitions per step, each with its own PRNG and gradient buffer: fixes the result for a seed.</summary>
    public int Partitions { get; init; } = 2;
}
