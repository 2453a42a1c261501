using Botify.Contracts.Listening;

namespace Botify.Grains;

/// <summary>The wire form of <see cref="PlayOutcome"/> (a contracts type, which knows nothing of Orleans): its value.</summary>
[GenerateSerializer, Immutable]
public readonly record struct PlayOutcomeSurrogate([property: Id(0)] int Value);
