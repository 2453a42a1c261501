namespace Botify.Lab.Training;

/// <summary>
/// "LFM": LightFM-style matrix factorisation with identity features — user and track embeddings
/// plus a track bias — trained with the BPR (default) or WARP ranking loss by per-sample Adagrad SGD (as LightFM),
/// parallel over disjoint strata (<see cref="StratifiedBprTrainer"/>).
/// </summary>
public static class MatrixFactorisation
{
    public static readonly BprOptions Defaults = new()
    {
        Dimensions = 64,
        Layers = 0,
        Epochs = 20,
        BatchesPerEpoch = 1,
        LearningRate = 0.05,
        Regularisation = 1e-6,
        ItemBias = true,
        Warp = false,
    };

    public static EmbeddingModel Train(InteractionMatrix matrix, BprOptions options, Action<EpochReport>? progress = null) =>
        StratifiedBprTrainer.Train("LFM", matrix, options with { Layers = 0 }, progress);
}
