using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Botify.Sim.World;

/// <summary>
/// A 2-D float32 matrix as a NumPy <c>.npy</c> file (format versions 1.0–3.0): the magic <c>\x93NUMPY</c>, the version,
/// the header length, the header dictionary (<see cref="NpyHeader"/>) padded with spaces to a multiple of 64 bytes
/// and ended by a newline, then the values. Written as NumPy's <c>np.save</c> writes a C-ordered little-endian
/// <c>float32</c> array; read back with every deviation NumPy allows but the simulator cannot use (another dtype,
/// big-endian, not 2-D, truncated or trailing data, a damaged header, NaN or infinite values) answered with the
/// file, what it holds and how to save it right. Fortran-ordered files are read too (transposed on load).
/// </summary>
public static class NpyFile
{
    /// <summary>NumPy's <c>dtype('float32').str</c> on a little-endian machine.</summary>
    public const string Float32Descr = "<f4";

    private const int HeaderAlignment = 64;
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Writes <paramref name="values"/> (row-major, <paramref name="rows"/> × <paramref name="columns"/>) as a version 1.0 file.</summary>
    public static void WriteFloat32(string path, ReadOnlySpan<float> values, int rows, int columns)
    {
        if ((long)rows * columns != values.Length)
            throw new ArgumentException($"{rows} × {columns} is not the {values.Length} values given");
        var dictionary = new NpyHeader(Float32Descr, FortranOrder: false, [rows, columns]).Format();
        var prefix = Magic.Length + 2 + 2;
        var padded = (prefix + dictionary.Length + 1 + HeaderAlignment - 1) / HeaderAlignment * HeaderAlignment;
        var header = new byte[padded];
        Magic.CopyTo(header, 0);
        header[6] = 1; // version 1.0: the header length is a uint16
        header[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), checked((ushort)(padded - prefix)));
        var text = Encoding.ASCII.GetBytes(dictionary);
        text.CopyTo(header, prefix);
        header.AsSpan(prefix + text.Length, padded - prefix - text.Length - 1).Fill((byte)' ');
        header[^1] = (byte)'\n';

        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        stream.Write(header);
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }
        var buffer = new byte[sizeof(float)];
        foreach (var value in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(buffer, value);
            stream.Write(buffer);
        }
    }

    /// <summary>
    /// Reads a 2-D float32 matrix, row-major. Throws <see cref="NpyFormatException"/> naming <paramref name="path"/>, what the file
    /// holds and the fix, for anything else.
    /// </summary>
    public static (float[] Values, int Rows, int Columns) ReadFloat32Matrix(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var header = ReadHeader(stream, path);
        if (header.Descr != Float32Descr) throw new NpyFormatException(path, DtypeProblem(header.Descr));
        if (header.Shape.Length != 2)
        {
            throw new NpyFormatException(path,
                $"the array has shape {header.ShapeText()}, " +
                "not [tracks, dimension]; save a 2-D array with one row per track id: np.save(path, embeddings.reshape(tracks, -1))");
        }
        var (rows, columns) = (header.Shape[0], header.Shape[1]);
        if (rows == 0 || columns == 0)
            throw new NpyFormatException(path, $"the array has shape ({rows}, {columns}): no values; save one row of dimension ≥ 1 per track");
        if (rows * columns > Array.MaxLength)
            throw new NpyFormatException(path, $"the array has shape ({rows}, {columns}): {rows * columns:N0} values, more than one array here can hold");
        var expected = rows * columns * sizeof(float);
        var available = stream.Length - stream.Position;
        if (available != expected)
        {
            throw new NpyFormatException(path, available < expected
                ? $"the header says ({rows}, {columns}) float32 = {expected:N0} bytes of data but the file ends after {available:N0}; " +
                  "the file is truncated, save it again"
                : $"the header says ({rows}, {columns}) float32 = {expected:N0} bytes of data but {available - expected:N0} more bytes follow; " +
                  "save it again with np.save");
        }

        var stored = new float[rows * columns];
        stream.ReadExactly(MemoryMarshal.AsBytes(stored.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            var words = MemoryMarshal.Cast<float, int>(stored.AsSpan());
            for (var i = 0; i < words.Length; i++) words[i] = BinaryPrimitives.ReverseEndianness(words[i]);
        }
        var values = header.FortranOrder ? Transpose(stored, (int)rows, (int)columns) : stored;
        for (var i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new NpyFormatException(path,
                    $"row {i / columns}, column {i % columns} is {values[i]}; every embedding value must be a finite number (check np.isfinite(a).all())");
            }
        }
        return (values, (int)rows, (int)columns);
    }

    private static NpyHeader ReadHeader(FileStream stream, string path)
    {
        Span<byte> start = stackalloc byte[12];
        var read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        if (read < 10 || !start[..6].SequenceEqual(Magic))
        {
            throw new NpyFormatException(path,
                "not a NumPy .npy file (it does not start with \\x93NUMPY); save the embeddings with np.save(path, a.astype(np.float32))");
        }
        var (major, minor) = (start[6], start[7]);
        if (major is < 1 or > 3 || minor != 0)
        {
            throw new NpyFormatException(path,
                $"format version {major}.{minor}; this reader takes 1.0, 2.0 and 3.0 (as NumPy writes them); save it again with np.save");
        }
        long length;
        int prefix;
        if (major == 1)
        {
            (length, prefix) = (BinaryPrimitives.ReadUInt16LittleEndian(start[8..]), 10);
        }
        else
        {
            if (read < 12) throw new NpyFormatException(path, "the file ends inside its header; the file is truncated, save it again");
            (length, prefix) = (BinaryPrimitives.ReadUInt32LittleEndian(start[8..]), 12);
        }
        if (prefix + length > stream.Length)
            throw new NpyFormatException(path, $"the header is {length:N0} bytes long but the file ends before it does; the file is truncated, save it again");
        if (length > 1 << 20)
            throw new NpyFormatException(path, $"the header is {length:N0} bytes long; NumPy writes a few hundred at most: the file is damaged, save it again");
        stream.Position = prefix;
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        var text = major == 3 ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
        if (!text.EndsWith('\n'))
            throw new NpyFormatException(path, "the header does not end with a newline, as every .npy header does; the file is damaged, save it again");
        try
        {
            return NpyHeader.Parse(text);
        }
        catch (FormatException e)
        {
            var quoted = text.TrimEnd().Replace("\n", " ", StringComparison.Ordinal);
            throw new NpyFormatException(path, $"the header {quoted} cannot be read: {e.Message}; save it again with np.save");
        }
    }

    private static string DtypeProblem(string descr) => descr switch
    {
        ">f4" => "the values are big-endian float32 ('>f4'); save them little-endian: np.save(path, a.astype('<f4'))",
        "<f8" or ">f8" => $"the values are float64 ('{descr}'); save them as float32: np.save(path, a.astype(np.float32))",
        "<f2" or ">f2" => $"the values are float16 ('{descr}'); save them as float32: np.save(path, a.astype(np.float32))",
        _ => $"the values are of dtype '{descr}', not float32 ('<f4'); save them as float32: np.save(path, a.astype(np.float32))",
    };

    private static float[] Transpose(float[] columnMajor, int rows, int columns)
    {
        var result = new float[columnMajor.Length];
        for (var c = 0; c < columns; c++)
            for (var r = 0; r < rows; r++)
                result[r * columns + c] = columnMajor[c * rows + r];
        return result;
    }
}
