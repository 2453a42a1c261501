namespace Botify.Contracts.Experiments;

/// <summary>The arm ("C", "T1", ...) a user is in for one experiment: what every answer and event-log line carries.</summary>
public sealed record ExperimentArm(string Experiment, string Arm);
