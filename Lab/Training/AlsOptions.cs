namespace Botify.Lab.Training;

/// <summary>
/// Hyper-parameters of implicit ALS (<see cref="ImplicitAls"/>); defaults written once, here. Each
/// positive (user, track) has confidence 1 + <see cref="Alpha"/> · r (r = 1: positives are binary),
/// every other pair confidence 1 with preference 0 (Hu, Koren &amp; Volinsky 2008).
/// </summary>
public sealed record AlsOptions
{
    public static readonly AlsOptions Defaults = new();

    /// <summary>Latent factors per user and track.</summary>
    public int Factors { get; init; } = 128;

    /// <summary>Weight α of a positive: its confidence is 1 + α.</summary>
    public double Alpha { get; init; } = 200.0;

    /// <summary>L2 penalty λ added to the diagonal of every user and track solve.</summary>
    public double Regularisation { get; init; } = 1.0;

    /// <summary>Alternations (users, then tracks) over the whole matrix.</summary>
    public int Iterations { get; init; } = 15;

    /// <summary>Conjugate-gradient steps per user or track solve, warm-started from the previous factors (implicit's cg_steps).</summary>
    public int CgSteps { get; init; } = 3;

    /// <summary>Initial factors are uniform in [0, InitScale), as implicit's rand × 0.01.</summary>
    public double InitScale { get; init; } = 0.01;

    public int Seed { get; init; } = 42;

    /// <summary>Worker threads; the result does not depend on it (each row is solved by one thread from the other side's factors).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;
}
