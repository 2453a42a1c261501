namespace Botify.Sim.Traffic;

/// <summary>Per-arm figures of an in-process experiment run (episode level; the A/B analysis does user level).</summary>
public sealed record ArmSummary(string Arm, string Policy, long Episodes, double MeanReward, double RewardSem, double MeanSteps, double StepsSem,
    double CapHitShare);
