namespace Botify.Ops.Bench;

/// <summary>
/// One scenario's figures: throughput, latency, errors, CPU per request (service + throwaway Redis) and the share of the window
/// the GC had the service stopped (null where the process has no /health to read it from).
/// </summary>
public sealed record BenchRow(string Name, double RequestsPerSecond, double P50Ms, double P99Ms, long Errors, double CpuMicrosecondsPerRequest,
    double? GcPausePercent, int? Collections, string Note);
