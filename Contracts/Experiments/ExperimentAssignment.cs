using System.Globalization;
using System.Text;

namespace Botify.Contracts.Experiments;

/// <summary>
/// The botify-compatible arm of a user: seed = murmur3(utf8(name), 0); arm index =
/// murmur3(utf8(decimal user), seed) mod split (unsigned); arm names C, T1, T2, ...
/// The service, the simulator's in-process mode and the harnesses all assign through this type.
/// </summary>
public static class ExperimentAssignment
{
    public const string ControlArm = "C";

    /// <summary>Fewest arms of an experiment (control and one treatment).</summary>
    public const int MinArms = 2;

    /// <summary>Most arms of an experiment (C, T1..T8).</summary>
    public const int MaxArms = 9;

    /// <summary>The hash seed of an experiment name; compute it once per experiment.</summary>
    public static uint Seed(string experiment) => Murmur3.Hash32(Encoding.UTF8.GetBytes(experiment), 0);

    /// <summary>The arm index 0..split−1 of a user in the experiment of <paramref name="seed"/>; no allocation.</summary>
    public static int ArmIndex(long user, uint seed, int split)
    {
        Span<byte> digits = stackalloc byte[20];
        user.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        return (int)(Murmur3.Hash32(digits[..written], seed) % (uint)split);
    }

    public static int ArmIndex(long user, string experiment, int split) => ArmIndex(user, Seed(experiment), split);

    /// <summary>"C" for index 0, "T1", "T2", ... after it.</summary>
    public static string ArmName(int index) => index == 0 ? ControlArm : $"T{index}";
}
