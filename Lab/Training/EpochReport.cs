namespace Botify.Lab.Training;

/// <summary>
/// Progress of one training epoch: mean loss, the share of sampled triples ranked right, seconds, and on
/// the epochs that checked it the validation score (and whether it was the best so far).
/// </summary>
public sealed record EpochReport(string Model, int Epoch, int MaxEpochs, double Loss, double Accuracy, double Seconds,
    ValidationScore? Validation = null, bool Best = false)
{
    public string Describe() =>
        $"  {Model} epoch {Epoch,3}/{MaxEpochs}  loss {Loss:0.0000}  ranked-right {Accuracy:P1}  {Seconds:0.00} s" +
        (Validation is { } v ? $"  validation NDCG@{v.K} {v.Ndcg:0.0000} recall@{v.K} {v.Recall:0.0000}{(Best ? " (best)" : "")}" : "");
}
