namespace Botify.Lab.Training;

/// <summary>Hyper-parameters of <see cref="LightGcn"/>, defaults measured on SessionBench logs (see the README).</summary>
public sealed record LightGcnOptions
{
    public static readonly LightGcnOptions Defaults = new();

    /// <summary>Embedding dimensions.</summary>
    public int Dimensions { get; init; } = 64;

    /// <summary>Propagation layers K; the scoring embedding is the mean of layers 0..K.</summary>
    public int Layers { get; init; } = 2;

    /// <summary>Most epochs (one epoch samples as many (user, positive, negative) triples as there are training positives).</summary>
    public int MaxEpochs { get; init; } = 200;

    /// <summary>
    /// Triples per Adam step; every step propagates the whole graph forward and back, so the steps, not the triples, cost the
    /// time. 0 (the default): <see cref="AutoBatch"/> — 16,384, or an eighth of the positives when that is more.
    /// </summary>
    public int BatchSize { get; init; }

    /// <summary>Adam learning rate for batches up to <see cref="ReferenceBatch"/> triples; a bigger batch uses <see cref="RateFor"/>.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>The batch <see cref="LearningRate"/> was measured for.</summary>
    public const int ReferenceBatch = 16_384;

    /// <summary>Steps an epoch takes at least under <see cref="AutoBatch"/> when the positives are many.</summary>
    public const int AutoStepsPerEpoch = 8;

    /// <summary>The batch for <paramref name="positives"/> training positives: <see cref="BatchSize"/>, or when 0, the larger of
    /// <see cref="ReferenceBatch"/> and positives / <see cref="AutoStepsPerEpoch"/>; never more than the positives.</summary>
    public int AutoBatch(int positives) =>
        Math.Max(1, Math.Min(positives, BatchSize > 0 ? BatchSize : Math.Max(ReferenceBatch, (positives + AutoStepsPerEpoch - 1) / AutoStepsPerEpoch)));

    /// <summary>
    /// Adam's rate for a batch: <see cref="LearningRate"/> up to <see cref="ReferenceBatch"/>, times √(batch / ReferenceBatch) above
    /// it (the square-root rule for adaptive optimisers: the gradient's noise falls with √batch, so the step can grow with it).
    /// </summary>
    public double RateFor(int batch) => LearningRate * Math.Sqrt(Math.Max(1.0, (double)batch / ReferenceBatch));

    /// <summary>L2 weight on the batch's base embeddings, ½‖e⁰‖² per occurrence averaged over the batch (the paper's decay).</summary>
    public double Regularisation { get; init; } = 1e-2;

    /// <summary>Standard deviation of the Gaussian initial embeddings.</summary>
    public double InitScale { get; init; } = 0.1;

    public EarlyStoppingOptions EarlyStopping { get; init; } = EarlyStoppingOptions.Defaults;

    public int Seed { get; init; } = 42;

    /// <summary>Worker threads; the result does not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>A message naming the `train` option to fix, or null.</summary>
    public string? Problem() =>
        Dimensions is < 1 or > 1024 || Layers is < 0 or > 8 || MaxEpochs < 0 || BatchSize < 0
        || !(LearningRate > 0) || !(Regularisation >= 0) || !(InitScale > 0)
            ? "--gcf-dim must be 1..1024, --gcf-layers 0..8, --gcf-epochs ≥ 0, --gcf-batch ≥ 0 (0: automatic), --gcf-lr > 0, --gcf-reg ≥ 0."
            : EarlyStopping.Problem();
}
