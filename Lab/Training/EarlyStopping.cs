namespace Botify.Lab.Training;

/// <summary>
/// The stopping rule of the embedding trainers: a check is due every <see cref="EarlyStoppingOptions.CheckEvery"/> epochs
/// and at the last one; a check better than every earlier one becomes the best (the trainer keeps its embeddings);
/// <see cref="EarlyStoppingOptions.Patience"/> checks in a row without one stop training.
/// </summary>
internal sealed class EarlyStopping(EarlyStoppingOptions options, int maxEpochs)
{
    private int stale;

    public ValidationScore? Best { get; private set; }

    public int BestEpoch { get; private set; }

    public bool Due(int epoch) => options.Enabled && (epoch % options.CheckEvery == 0 || epoch == maxEpochs);

    /// <summary>Records a check; true when it is the best so far.</summary>
    public bool Observe(int epoch, ValidationScore score)
    {
        if (Best is null || score.Ndcg > Best.Ndcg)
        {
            Best = score;
            BestEpoch = epoch;
            stale = 0;
            return true;
        }

        stale++;
        return false;
    }

    public bool ShouldStop => stale >= options.Patience;

    public FitSummary Summary(int epochs)
    {
        if (!options.Enabled)
        {
            return new FitSummary(epochs, epochs, null, $"no validation split (--validation-users 0): ran all {epochs} epochs");
        }

        if (Best is null)
        {
            return new FitSummary(epochs, epochs, null, "no epoch was run");
        }

        var reason = ShouldStop
            ? $"stopped early: validation NDCG@{Best.K} did not improve for {options.Patience} checks ({options.Patience * options.CheckEvery} epochs)"
            : $"reached the epoch limit {maxEpochs}";
        var kept = $"kept epoch {BestEpoch} (NDCG@{Best.K} {Best.Ndcg:0.0000}, recall@{Best.K} {Best.Recall:0.0000})";
        return new FitSummary(epochs, BestEpoch, Best, $"{reason}; {kept}");
    }
}
