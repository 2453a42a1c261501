namespace Botify.Lab.Training;

/// <summary>How a fit ended: epochs run, the epoch whose embeddings were kept, its validation score, and why it stopped.</summary>
public sealed record FitSummary(int Epochs, int BestEpoch, ValidationScore? Best, string Reason);
