using System.Text;

namespace Botify.Sim.InProcess;

/// <summary>
/// The service's arm assignment: seed = murmur3(utf8(name), 0); arm = murmur3(utf8(decimal user), seed) mod split
/// (unsigned); arm 0 is "C", arm i is "Ti".
/// </summary>
public sealed class ExperimentAssignment
{
    private readonly uint seed;

    public ExperimentAssignment(string name, int split)
    {
        if (split < 2 || split > 9) throw new ArgumentException($"experiment '{name}': split {split}; give 2..9 arms (C, T1, ...)");
        Name = name;
        Split = split;
        seed = Murmur3.Hash32(Encoding.UTF8.GetBytes(name), 0);
    }

    public string Name { get; }
    public int Split { get; }

    public int ArmIndex(int user)
    {
        Span<byte> digits = stackalloc byte[16];
        user.TryFormat(digits, out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
        return (int)(Murmur3.Hash32(digits[..written], seed) % (uint)Split);
    }

    public static string ArmName(int index) => index == 0 ? "C" : $"T{index}";
}
