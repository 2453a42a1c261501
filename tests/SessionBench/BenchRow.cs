namespace Botify.SessionBench;

/// <summary>One configuration's day-2 result for a seed and day-1 size, as the CSV and the plot read it (time and tracks as `Lab ab` counts them).</summary>
public sealed record BenchRow(
    long Seed, long Day1, string Configuration, double TimePerSession, double TracksPerSession, double RatioToSticky, double TrainSeconds);
