namespace Botify.Gateway.Tests;

/// <summary>Timing-sensitive fault and overload tests run alone, not beside the rest of the suite's load.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityCollection
{
    public const string Name = "Reliability";
}
