using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Botify.Lab.Training;

/// <summary>
/// Learned track embeddings (embeddings_gcf.bin, embeddings_lfm.bin), little-endian:
/// 8 bytes ASCII "BTFYTRE1" (not the simulator's world embeddings, "BTFYEMB1", whose layout has no id column);
/// int32 count; int32 dimensions; count × int32 track ids;
/// count × dimensions × float32 vectors, row k belonging to track id k. LGCF writes its layer-averaged
/// track embeddings, LFM its track factors (the bias is not part of the vector).
/// </summary>
public sealed record TrackEmbeddingsFile(int[] TrackIds, int Dimensions, float[] Vectors)
{
    public static readonly byte[] Magic = "BTFYTRE1"u8.ToArray();

    public ReadOnlySpan<float> Vector(int row) => Vectors.AsSpan(row * Dimensions, Dimensions);

    public void Write(string path) => RecommendationFilesAtomic(path, stream =>
    {
        Span<byte> header = stackalloc byte[16];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], TrackIds.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], Dimensions);
        stream.Write(header);
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("embedding files are written little-endian on little-endian hosts only");
        }

        stream.Write(MemoryMarshal.AsBytes(TrackIds.AsSpan()));
        stream.Write(MemoryMarshal.AsBytes(Vectors.AsSpan()));
    });

    /// <summary>Reads a file written by <see cref="Write"/>; throws <see cref="InvalidDataException"/> naming the file on a bad header or size.</summary>
    public static TrackEmbeddingsFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 16 || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path}: not a track-embeddings file (expected header \"{Encoding.ASCII.GetString(Magic)}\")");
        }

        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        var dimensions = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        var expected = 16L + 4L * count + 4L * count * dimensions;
        if (count < 0 || dimensions <= 0 || bytes.Length != expected)
        {
            throw new InvalidDataException($"{path}: {bytes.Length} bytes, but the header says {count} tracks × {dimensions} dimensions ({expected} bytes)");
        }

        var ids = MemoryMarshal.Cast<byte, int>(bytes.AsSpan(16, 4 * count)).ToArray();
        var vectors = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(16 + 4 * count)).ToArray();
        return new TrackEmbeddingsFile(ids, dimensions, vectors);
    }

    public static TrackEmbeddingsFile From(EmbeddingModel model) => new(model.Matrix.TrackIds, model.Dimensions, model.ItemFactors);

    private static void RecommendationFilesAtomic(string path, Action<Stream> write)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            write(stream);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
