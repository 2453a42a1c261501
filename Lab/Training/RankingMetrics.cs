namespace Botify.Lab.Training;

/// <summary>Offline ranking quality on held-out positives: mean precision@K and NDCG@K over users, catalogue coverage of the top-K lists.</summary>
public sealed record RankingMetrics(string Model, int K, int Users, double Precision, double Ndcg, double Coverage);
