namespace Botify.Lab.Training;

/// <summary>
/// A trained embedding recommender: score(user, item) = user·item (+ item bias), over the dense
/// indices of <see cref="Matrix"/> (the training positives). Row-major float factors, <see cref="Dimensions"/> per row.
/// </summary>
public sealed class EmbeddingModel(string name, InteractionMatrix matrix, int dimensions, float[] userFactors, float[] itemFactors, float[]? itemBias,
    FitSummary? summary = null)
{
    public string Name { get; } = name;
    public InteractionMatrix Matrix { get; } = matrix;
    public int Dimensions { get; } = dimensions;
    public float[] UserFactors { get; } = userFactors;
    public float[] ItemFactors { get; } = itemFactors;
    public float[]? ItemBias { get; } = itemBias;

    /// <summary>How training ended (epochs, the epoch kept, why it stopped); null for a model built from given factors.</summary>
    public FitSummary? Summary { get; } = summary;

    public ReadOnlySpan<float> User(int user) => UserFactors.AsSpan(user * Dimensions, Dimensions);

    public ReadOnlySpan<float> Item(int item) => ItemFactors.AsSpan(item * Dimensions, Dimensions);

    /// <summary>
    /// Top <paramref name="count"/> items per user, best first; with <paramref name="excludeSeen"/> without the user's
    /// training positives (the offline protocol), else with them (what a listener liked in another session is a good pick).
    /// </summary>
    public int[][] Recommend(int count, int threads = 0, bool excludeSeen = true) =>
        TopKScorer.TopK(UserFactors, ItemFactors, ItemBias, Dimensions, count, excludeSeen ? Matrix : null, null, threads);
}
