namespace Botify.Lab.Training;

/// <summary>The pairwise loss <see cref="MatrixFactorisation"/> descends.</summary>
public enum RankingLoss
{
    /// <summary>Bayesian personalised ranking: −log σ(x_ui − x_uj) for one uniform negative.</summary>
    Bpr,

    /// <summary>Weighted approximate-rank pairwise (Weston et al.): negatives drawn until one violates the margin, weighted by the rank estimate.</summary>
    Warp,
}
