namespace Botify.Lab.Training;

/// <summary>
/// A trained embedding recommender: score(user, item) = user·item (+ item bias), over the dense
/// indices of <see cref="Matrix"/>. Row-major float factors, <see cref="Dimensions"/> per row.
/// </summary>
public sealed class EmbeddingModel(string name, InteractionMatrix matrix, int dimensions, float[] userFactors, float[] itemFactors, float[]? itemBias)
{
    public string Name { get; } = name;
    public InteractionMatrix Matrix { get; } = matrix;
    public int Dimensions { get; } = dimensions;
    public float[] UserFactors { get; } = userFactors;
    public float[] ItemFactors { get; } = itemFactors;
    public float[]? ItemBias { get; } = itemBias;

    public ReadOnlySpan<float> User(int user) => UserFactors.AsSpan(user * Dimensions, Dimensions);

    public ReadOnlySpan<float> Item(int item) => ItemFactors.AsSpan(item * Dimensions, Dimensions);

    /// <summary>Top <paramref name="count"/> items per user, best first; <paramref name="excludeSeen"/> leaves out the user's training positives.</summary>
    public int[][] Recommend(int count, int threads = 0, bool excludeSeen = true) =>
        TopKScorer.TopK(UserFactors, ItemFactors, ItemBias, Dimensions, excludeSeen ? Matrix : null, count, threads);
}
