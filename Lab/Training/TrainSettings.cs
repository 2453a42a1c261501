using Botify.Contracts.EventLog;

namespace Botify.Lab.Training;

/// <summary>Everything `lab train` needs; the defaults live in the options records and the command.</summary>
public sealed record TrainSettings(
    string Logs,
    string Out,
    int Seed,
    double PositiveThreshold,
    double Holdout,
    int Top,
    ContextualOptions Contextual,
    BprOptions Lfm,
    BprOptions Gcf,
    string? Catalog = null,
    int MaxLineBytes = EventLogReader.DefaultMaxLineBytes);
