namespace Botify.Lab.Training;

/// <summary>A model's ranking of the validation positives: mean NDCG@K and recall@K (hits / min(K, held out)) over the validation users.</summary>
public sealed record ValidationScore(int K, int Users, double Ndcg, double Recall);
