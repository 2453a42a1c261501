namespace Botify.Ops.Bench;

/// <summary>Memory at the end of the benchmark: the A/B gateway's peak and current RSS, Redis growth and sampled user-state size.</summary>
public sealed record BenchResources(long PeakRssBytes, long RssBytes, double RedisGrowthBytes, long UserKeys, long SampledBytesPerKey);
