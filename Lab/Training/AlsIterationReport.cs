namespace Botify.Lab.Training;

/// <summary>Progress of one ALS alternation: the weighted squared loss per cell (implicit's calculate_loss) and the seconds it took.</summary>
public sealed record AlsIterationReport(int Iteration, int Iterations, double Loss, double Seconds);
