using System.Buffers.Binary;
using System.Text;
using Botify.Sim.World;
using Botify.TestSupport;

namespace Botify.Sim.Tests.Course;

/// <summary>The .npy reader and writer, against files NumPy itself writes and against damaged ones.</summary>
public sealed class NpyFileTests
{
    private static readonly float[] Matrix = Enumerable.Range(0, 15).Select(i => i / 3 * 10 + i % 3 + 0.25f).ToArray();

    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, "Python", name);

    [Fact]
    public void Files_numpy_writes_are_read_or_refused_with_what_they_hold_and_the_fix()
    {
        using var folder = new TempFolder();
        NumpyPython.Run(Script("write_npy_variants.py"), folder.Path);
        string In(string name) => Path.Combine(folder.Path, name);

        foreach (var readable in new[] { "c_order.npy", "fortran_order.npy", "version_2.npy", "version_3.npy" })
        {
            var (values, rows, columns) = NpyFile.ReadFloat32Matrix(In(readable));
            Assert.Equal((5, 3), (rows, columns));
            Assert.Equal(Matrix, values);
        }

        Assert.Contains("float64 ('<f8'); save them as float32: np.save(path, a.astype(np.float32))", Refusal(In("float64.npy")));
        Assert.Contains("big-endian float32 ('>f4'); save them little-endian: np.save(path, a.astype('<f4'))", Refusal(In("big_endian.npy")));
        Assert.Contains("dtype '<i4', not float32", Refusal(In("int32.npy")));
        Assert.Contains("shape (15,), not [tracks, dimension]", Refusal(In("one_d.npy")));
        Assert.Contains("shape (5, 3, 1), not [tracks, dimension]", Refusal(In("three_d.npy")));
        Assert.Contains("row 3, column 1 is NaN", Refusal(In("nan.npy")));
        Assert.Contains("the file ends after 56", Refusal(In("truncated.npy")));
        Assert.StartsWith(In("truncated.npy") + ": ", Refusal(In("truncated.npy")));
    }

    [Fact]
    public void What_the_writer_writes_numpy_loads_as_the_same_float32_matrix()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "m.npy");
        NpyFile.WriteFloat32(path, Matrix, 5, 3);

        var bytes = File.ReadAllBytes(path);
        Assert.Equal(0, (bytes.Length - Matrix.Length * sizeof(float)) % 64); // header padded to 64 bytes, as NumPy pads it
        Assert.Equal(Matrix, NpyFile.ReadFloat32Matrix(path).Values);
        var script = Path.Combine(folder.Path, "check.py");
        File.WriteAllText(script, """
            import sys
            import numpy as np
            a = np.load(sys.argv[1])
            assert a.dtype == np.float32 and a.shape == (5, 3) and a.flags["C_CONTIGUOUS"], (a.dtype, a.shape)
            assert (a == (np.arange(5)[:, None] * 10 + np.arange(3)[None, :] + 0.25)).all(), a
            print(np.lib.format.read_magic(open(sys.argv[1], "rb")))
            """);
        Assert.Equal("(1, 0)", NumpyPython.Run(script, path).Trim());
    }

    [Theory]
    [InlineData("not an array at all", "not a NumPy .npy file")]
    [InlineData("\x93NUMPY\x09\x00", "format version 9.0")]
    public void A_file_that_is_not_npy_is_named_as_such(string content, string expected)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "tracks.npy");
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(content + new string(' ', 64)));

        Assert.Contains(expected, Refusal(path));
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (5, 3), 'extra': 1, }", "unknown key 'extra'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, }", "the key 'shape' is missing")]
    [InlineData("{'descr': '<f4', 'fortran_order': Maybe, 'shape': (5, 3), }", "expected True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (5, -3), }", "non-negative integer in the shape")]
    [InlineData("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (5, 3), }", "the key 'descr' appears twice")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (5, 3) ", "expected ',' or '}'")]
    public void A_damaged_header_is_quoted_with_what_is_wrong(string dictionary, string expected)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "tracks.npy");
        WriteWithHeader(path, dictionary + "\n", Matrix);

        var message = Refusal(path);

        Assert.Contains(expected, message);
        Assert.Contains("cannot be read", message);
    }

    [Fact]
    public void A_header_without_its_newline_or_longer_than_the_file_is_damage()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "tracks.npy");
        WriteWithHeader(path, "{'descr': '<f4', 'fortran_order': False, 'shape': (5, 3), }", Matrix);
        Assert.Contains("does not end with a newline", Refusal(path));

        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 60_000);
        File.WriteAllBytes(path, bytes);
        Assert.Contains("the file ends before it does", Refusal(path));
    }

    [Fact]
    public void Bytes_after_the_array_are_refused()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "tracks.npy");
        NpyFile.WriteFloat32(path, Matrix, 5, 3);
        File.AppendAllText(path, "junk");

        Assert.Contains("4 more bytes follow", Refusal(path));
    }

    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (50000, 64), }", "<f4", false, new long[] { 50000, 64 })]
    [InlineData("{\"descr\":\"<f4\",\"fortran_order\":True,\"shape\":(7,)}", "<f4", true, new long[] { 7 })]
    [InlineData("{'shape': (3L, 2L), 'fortran_order': False, 'descr': '>f8'}", ">f8", false, new long[] { 3, 2 })]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (), }   \n", "|u1", false, new long[0])]
    public void Headers_parse_in_the_literal_forms_numpy_and_people_write(string text, string descr, bool fortran, long[] shape)
    {
        var header = NpyHeader.Parse(text);

        Assert.Equal(descr, header.Descr);
        Assert.Equal(fortran, header.FortranOrder);
        Assert.Equal(shape, header.Shape);
    }

    private static string Refusal(string path) => Assert.Throws<NpyFormatException>(() => NpyFile.ReadFloat32Matrix(path)).Message;

    private static void WriteWithHeader(string path, string header, float[] values)
    {
        using var stream = File.Create(path);
        stream.Write([0x93, .. "NUMPY"u8, 1, 0]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
        var word = new byte[sizeof(float)];
        foreach (var value in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(word, value);
            stream.Write(word);
        }
    }
}
