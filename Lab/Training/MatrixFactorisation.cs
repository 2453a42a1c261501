namespace Botify.Lab.Training;

/// <summary>
/// "LFM": LightFM-style matrix factorisation with identity features — user and track embeddings
/// plus a track bias — trained with the BPR ranking loss.
/// </summary>
public static class MatrixFactorisation
{
    public static readonly BprOptions Defaults = new()
    {
        Dimensions = 64,
        Layers = 0,
        Epochs = 20,
        BatchesPerEpoch = 16,
        LearningRate = 0.05,
        Regularisation = 1e-5,
        ItemBias = true,
    };

    public static EmbeddingModel Train(InteractionMatrix matrix, BprOptions options, Action<EpochReport>? progress = null) =>
        BprTrainer.Train("LFM", matrix, options with { Layers = 0 }, progress);
}
