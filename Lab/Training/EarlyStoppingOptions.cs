namespace Botify.Lab.Training;

/// <summary>
/// Early stopping on a validation split of the training positives: a seeded sample of users lends a share
/// of their positives, the model is scored on them (NDCG@K, their other positives excluded) every few
/// epochs, and training stops when the score has not improved for <see cref="Patience"/> checks; the best check's embeddings are kept.
/// </summary>
public sealed record EarlyStoppingOptions
{
    public static readonly EarlyStoppingOptions Defaults = new();

    /// <summary>Users whose positives are split for validation (0: no validation, train every epoch).</summary>
    public int ValidationUsers { get; init; } = 1000;

    /// <summary>Share of a validation user's positives held out (at least one).</summary>
    public double ValidationShare { get; init; } = 0.2;

    /// <summary>Only users with at least this many positives lend some, so each keeps one to learn from.</summary>
    public int MinPositives { get; init; } = 2;

    /// <summary>Cut-off of the validation NDCG and recall.</summary>
    public int K { get; init; } = 20;

    /// <summary>Epochs between validation checks.</summary>
    public int CheckEvery { get; init; } = 2;

    /// <summary>Checks without a better validation NDCG before training stops.</summary>
    public int Patience { get; init; } = 3;

    public bool Enabled => ValidationUsers > 0;

    /// <summary>A message naming the option to fix, or null when every value is usable.</summary>
    public string? Problem() =>
        ValidationUsers < 0 || !(ValidationShare > 0 && ValidationShare < 1) || MinPositives < 2 || K < 1 || CheckEvery < 1 || Patience < 1
            ? "--validation-users must be ≥ 0, --validation-share in (0, 1), --validation-k, --check-every and --patience ≥ 1."
            : null;
}
