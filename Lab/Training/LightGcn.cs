namespace Botify.Lab.Training;

/// <summary>
/// LightGCN ("LGCF"): base embeddings smoothed by layer-averaged propagation over the
/// symmetric-normalised user–track graph, trained with BPR (He et al., 2020).
/// </summary>
public static class LightGcn
{
    public static readonly BprOptions Defaults = new()
    {
        Dimensions = 64,
        Layers = 2,
        Epochs = 10,
        BatchesPerEpoch = 8,
        LearningRate = 0.02,
        Regularisation = 1e-5,
        ItemBias = false,
    };

    public static EmbeddingModel Train(InteractionMatrix matrix, BprOptions options, Action<EpochReport>? progress = null) =>
        BprTrainer.Train("LGCF", matrix, options, progress);
}
