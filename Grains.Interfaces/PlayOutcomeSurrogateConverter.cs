using Botify.Contracts.Listening;

namespace Botify.Grains;

/// <summary>Lets Orleans carry <see cref="PlayOutcome"/> in grain answers through <see cref="PlayOutcomeSurrogate"/>.</summary>
[RegisterConverter]
public sealed class PlayOutcomeSurrogateConverter : IConverter<PlayOutcome, PlayOutcomeSurrogate>
{
    public PlayOutcome ConvertFromSurrogate(in PlayOutcomeSurrogate surrogate) => (PlayOutcome)surrogate.Value;

    public PlayOutcomeSurrogate ConvertToSurrogate(in PlayOutcome value) => new((int)value);
}
