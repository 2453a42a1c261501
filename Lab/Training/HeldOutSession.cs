using Botify.Contracts.EventLog;

namespace Botify.Lab.Training;

/// <summary>A session no model saw: its events in order and each play's listened share (see <see cref="TrainingData.Shares"/>).</summary>
public sealed record HeldOutSession(LogEvent[] Events, double[] Shares);
