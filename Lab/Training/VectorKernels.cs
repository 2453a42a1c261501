using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Botify.Lab.Training;

/// <summary>
/// The two inner loops that dominate training and scoring, register-blocked with Vector256 (FMA when
/// the CPU has it): a weighted gather of rows (graph propagation) and a users × items dot-product tile.
/// Callers fall back to TensorPrimitives when the dimension is not a multiple of 8.
/// </summary>
internal static class VectorKernels
{
    public static bool Supports(int dimensions) => Vector256.IsHardwareAccelerated && dimensions % 8 == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Madd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        Fma.IsSupported ? Fma.MultiplyAdd(a, b, c) : a * b + c;

    /// <summary>target = Σ_k weights[k] · source[(offset + rows[k]) · d ..], d a multiple of 8.</summary>
    public static void GatherWeighted(float[] source, ReadOnlySpan<int> rows, int offset, ReadOnlySpan<float> weights, int d, Span<float> target)
    {
        ref var src = ref source[0];
        ref var dst = ref target[0];
        var c = 0;
        for (; c + 32 <= d; c += 32)
        {
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (var k = 0; k < rows.Length; k++)
            {
                var w = Vector256.Create(weights[k]);
                var at = (nuint)((offset + rows[k]) * d + c);
                a0 = Madd(Vector256.LoadUnsafe(ref src, at), w, a0);
                a1 = Madd(Vector256.LoadUnsafe(ref src, at + 8), w, a1);
                a2 = Madd(Vector256.LoadUnsafe(ref src, at + 16), w, a2);
                a3 = Madd(Vector256.LoadUnsafe(ref src, at + 24), w, a3);
            }

            a0.StoreUnsafe(ref dst, (nuint)c);
            a1.StoreUnsafe(ref dst, (nuint)(c + 8));
            a2.StoreUnsafe(ref dst, (nuint)(c + 16));
            a3.StoreUnsafe(ref dst, (nuint)(c + 24));
        }

        for (; c < d; c += 8)
        {
            Vector256<float> a0 = default;
            for (var k = 0; k < rows.Length; k++)
            {
                a0 = Madd(Vector256.LoadUnsafe(ref src, (nuint)((offset + rows[k]) * d + c)), Vector256.Create(weights[k]), a0);
            }

            a0.StoreUnsafe(ref dst, (nuint)c);
        }
    }

    /// <summary>
    /// scores[r · stride + i] = users[r] · item i for 4 user rows and a transposed item block
    /// (itemsT[k · stride + i] = dimension k of item i), 16 items at a time; stride a multiple of 16.
    /// </summary>
    public static void DotTile4(ReadOnlySpan<float> users, int d, ReadOnlySpan<float> itemsT, int stride, int itemCount, Span<float> scores)
    {
        ref var u = ref Unsafe.AsRef(in users[0]);
        ref var t = ref Unsafe.AsRef(in itemsT[0]);
        ref var s = ref scores[0];
        for (var i = 0; i < itemCount; i += 16)
        {
            Vector256<float> a00 = default, a01 = default, a10 = default, a11 = default;
            Vector256<float> a20 = default, a21 = default, a30 = default, a31 = default;
            for (var k = 0; k < d; k++)
            {
                var at = (nuint)(k * stride + i);
                var v0 = Vector256.LoadUnsafe(ref t, at);
                var v1 = Vector256.LoadUnsafe(ref t, at + 8);
                var b0 = Vector256.Create(Unsafe.Add(ref u, k));
                var b1 = Vector256.Create(Unsafe.Add(ref u, d + k));
                var b2 = Vector256.Create(Unsafe.Add(ref u, 2 * d + k));
                var b3 = Vector256.Create(Unsafe.Add(ref u, 3 * d + k));
                a00 = Madd(v0, b0, a00);
                a01 = Madd(v1, b0, a01);
                a10 = Madd(v0, b1, a10);
                a11 = Madd(v1, b1, a11);
                a20 = Madd(v0, b2, a20);
                a21 = Madd(v1, b2, a21);
                a30 = Madd(v0, b3, a30);
                a31 = Madd(v1, b3, a31);
            }

            a00.StoreUnsafe(ref s, (nuint)i);
            a01.StoreUnsafe(ref s, (nuint)(i + 8));
            a10.StoreUnsafe(ref s, (nuint)(stride + i));
            a11.StoreUnsafe(ref s, (nuint)(stride + i + 8));
            a20.StoreUnsafe(ref s, (nuint)(2 * stride + i));
            a21.StoreUnsafe(ref s, (nuint)(2 * stride + i + 8));
            a30.StoreUnsafe(ref s, (nuint)(3 * stride + i));
            a31.StoreUnsafe(ref s, (nuint)(3 * stride + i + 8));
        }
    }
}
