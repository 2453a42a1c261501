using System.Text;
using Botify.Sim.Randomness;

namespace Botify.Sim.World;

/// <summary>Pronounceable made-up artist names and track titles, drawn from a seeded stream.</summary>
public static class NameMaker
{
    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ra", "ven", "tor", "el", "sa", "dri", "mo", "nu", "zel", "qui", "fa", "ber",
        "lin", "cor", "ta", "ris", "vo", "an", "ju", "pe", "shi", "gar", "do", "lu", "ne", "bra", "so",
        "ki", "mar", "te", "wyn", "ol", "ha", "ri", "sta", "po", "ly",
    ];

    private static readonly string[] TitleWords =
    [
        "Night", "River", "Golden", "Echo", "Summer", "Lights", "Heart", "Paper", "Silver", "Rain",
        "Dance", "Blue", "Fire", "Road", "Dream", "Ocean", "Stone", "Wild", "City", "Shadow",
        "Morning", "Glass", "Velvet", "Electric", "Home", "Winter", "Sky", "Midnight", "Gravity", "Tide",
    ];

    public static string ArtistName(RandomStream rng)
    {
        var builder = new StringBuilder();
        AppendWord(builder, rng, 2 + rng.NextInt(2));
        builder.Append(' ');
        AppendWord(builder, rng, 1 + rng.NextInt(3));
        return builder.ToString();
    }

    public static string Title(RandomStream rng)
    {
        var builder = new StringBuilder();
        var words = 1 + rng.NextInt(3);
        for (var w = 0; w < words; w++)
        {
            if (w > 0) builder.Append(' ');
            if (rng.NextInt(3) == 0) AppendWord(builder, rng, 2 + rng.NextInt(2));
            else builder.Append(TitleWords[rng.NextInt(TitleWords.Length)]);
        }
        return builder.ToString();
    }

    private static void AppendWord(StringBuilder builder, RandomStream rng, int syllables)
    {
        var start = builder.Length;
        for (var s = 0; s < syllables; s++) builder.Append(Syllables[rng.NextInt(Syllables.Length)]);
        builder[start] = char.ToUpperInvariant(builder[start]);
    }
}
