namespace Botify.Lab.Training;

/// <summary>Progress of one training epoch: mean BPR loss and the share of sampled triples ranked right.</summary>
public sealed record EpochReport(string Model, int Epoch, int Epochs, double Loss, double Accuracy, double Seconds);
