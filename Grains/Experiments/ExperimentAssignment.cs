using System.Text;

namespace Botify.Grains.Experiments;

/// <summary>
/// The botify-compatible arm of a user: seed = murmur3(utf8(name), 0); arm index =
/// murmur3(utf8(decimal user), seed) mod split (unsigned); arm names C, T1, T2, ...
/// </summary>
public static class ExperimentAssignment
{
    public const string ControlArm = "C";

    public static uint Seed(string experiment) => Murmur3.Hash32(Encoding.UTF8.GetBytes(experiment), 0);

    public static int ArmIndex(long user, uint seed, int split)
    {
        Span<byte> digits = stackalloc byte[20];
        user.TryFormat(digits, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        return (int)(Murmur3.Hash32(digits[..written], seed) % (uint)split);
    }

    public static int ArmIndex(long user, string experiment, int split) => ArmIndex(user, Seed(experiment), split);

    /// <summary>"C" for index 0, "T1", "T2", ... after it.</summary>
    public static string ArmName(int index) => index == 0 ? ControlArm : $"T{index}";
}
