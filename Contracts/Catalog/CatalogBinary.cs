using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace Botify.Contracts.Catalog;

/// <summary>
/// The compact little-endian binary form of catalog parts in Redis, split into chunks of
/// about <c>chunkBytes</c>; every chunk is self-contained so chunks decode independently.
/// tracks chunk: int32 n, then n × (int32 track, int32 len, artist UTF-8, int32 len, title UTF-8).
/// top chunk: int32 ids. table chunk: int32 rows, int32 keys[rows], int32 lengths[rows], int32 ids[sum].
/// </summary>
public static class CatalogBinary
{
    public static List<byte[]> EncodeTracks(TrackCatalog tracks, int chunkBytes)
    {
        var chunks = new List<byte[]>();
        var buffer = new MemoryStream();
        var count = 0;
        Span<byte> number = stackalloc byte[4];
        buffer.Write(number);
        foreach (var track in tracks.AllTracks)
        {
            WriteInt(buffer, track);
            WriteString(buffer, tracks.ArtistName(tracks.ArtistOf(track)));
            WriteString(buffer, tracks.TitleOf(track));
            count++;
            if (buffer.Length >= chunkBytes)
            {
                chunks.Add(Seal(buffer, count));
                buffer = new MemoryStream();
                buffer.Write(number);
                count = 0;
            }
        }
        if (count > 0 || chunks.Count == 0) chunks.Add(Seal(buffer, count));
        return chunks;
    }

    public static List<TrackEntry> DecodeTracks(IReadOnlyList<byte[]> chunks)
    {
        var entries = new List<TrackEntry>();
        foreach (var chunk in chunks)
        {
            var span = chunk.AsSpan();
            var count = ReadInt(ref span);
            for (var i = 0; i < count; i++)
            {
                var track = ReadInt(ref span);
                var artist = ReadString(ref span);
                var title = ReadString(ref span);
                entries.Add(new TrackEntry(track, artist, title));
            }
            if (span.Length != 0) throw Corrupt("tracks");
        }
        return entries;
    }

    public static List<byte[]> EncodeInts(int[] values, int chunkBytes)
    {
        var perChunk = Math.Max(1, chunkBytes / 4);
        var chunks = new List<byte[]>();
        for (var start = 0; start < values.Length || chunks.Count == 0; start += perChunk)
        {
            var length = Math.Min(perChunk, values.Length - start);
            var chunk = new byte[length * 4];
            WriteInts(chunk, values.AsSpan(start, length));
            chunks.Add(chunk);
        }
        return chunks;
    }

    public static int[] DecodeInts(IReadOnlyList<byte[]> chunks)
    {
        var total = 0;
        foreach (var chunk in chunks)
        {
            if (chunk.Length % 4 != 0) throw Corrupt("top");
            total += chunk.Length / 4;
        }
        var values = new int[total];
        var at = 0;
        foreach (var chunk in chunks)
        {
            ReadInts(chunk, values.AsSpan(at, chunk.Length / 4));
            at += chunk.Length / 4;
        }
        return values;
    }

    public static List<byte[]> EncodeTable(RecommendationTable table, int chunkBytes)
    {
        var keys = new int[table.RowCount];
        var next = 0;
        foreach (var row in table.Rows) keys[next++] = row.Key;
        Array.Sort(keys);
        var chunks = new List<byte[]>();
        var first = 0;
        while (first < keys.Length || chunks.Count == 0)
        {
            var bytes = 4L;
            var last = first;
            while (last < keys.Length && (last == first || bytes < chunkBytes))
            {
                table.TryGetRow(keys[last], out var row);
                bytes += 8L + 4L * row.Length;
                last++;
            }
            var chunk = new byte[bytes];
            var rows = last - first;
            BinaryPrimitives.WriteInt32LittleEndian(chunk, rows);
            WriteInts(chunk.AsSpan(4), keys.AsSpan(first, rows));
            var lengthAt = 4 + 4 * rows;
            var valueAt = 4 + 8 * rows;
            for (var i = first; i < last; i++)
            {
                table.TryGetRow(keys[i], out var row);
                BinaryPrimitives.WriteInt32LittleEndian(chunk.AsSpan(lengthAt), row.Length);
                lengthAt += 4;
                WriteInts(chunk.AsSpan(valueAt), row);
                valueAt += 4 * row.Length;
            }
            chunks.Add(chunk);
            first = last;
        }
        return chunks;
    }

    public static Dictionary<int, int[]> DecodeTable(string part, IReadOnlyList<byte[]> chunks)
    {
        var rows = new Dictionary<int, int[]>();
        foreach (var chunk in chunks)
        {
            var span = chunk.AsSpan();
            if (span.Length < 4) throw Corrupt(part);
            var count = BinaryPrimitives.ReadInt32LittleEndian(span);
            if (count < 0 || 4L + 8L * count > span.Length) throw Corrupt(part);
            var keys = span.Slice(4, 4 * count);
            var lengths = span.Slice(4 + 4 * count, 4 * count);
            var values = span[(4 + 8 * count)..];
            for (var i = 0; i < count; i++)
            {
                var key = BinaryPrimitives.ReadInt32LittleEndian(keys[(4 * i)..]);
                var length = BinaryPrimitives.ReadInt32LittleEndian(lengths[(4 * i)..]);
                if (length < 0 || 4L * length > values.Length) throw Corrupt(part);
                var row = new int[length];
                ReadInts(values[..(4 * length)], row);
                values = values[(4 * length)..];
                if (!rows.TryAdd(key, row)) throw Corrupt(part);
            }
            if (values.Length != 0) throw Corrupt(part);
        }
        return rows;
    }

    public static string Checksum(IReadOnlyList<byte[]> chunks)
    {
        var hash = new XxHash64();
        foreach (var chunk in chunks) hash.Append(chunk);
        return hash.GetCurrentHashAsUInt64().ToString("x16");
    }

    private static InvalidDataException Corrupt(string part) => new($"catalog part {part} is malformed (chunk does not decode); republish the catalog");

    private static byte[] Seal(MemoryStream buffer, int count)
    {
        var bytes = buffer.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes, count);
        return bytes;
    }

    private static void WriteInt(MemoryStream buffer, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        buffer.Write(bytes);
    }

    private static void WriteString(MemoryStream buffer, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteInt(buffer, bytes.Length);
        buffer.Write(bytes);
    }

    private static int ReadInt(ref Span<byte> span)
    {
        if (span.Length < 4) throw Corrupt("tracks");
        var value = BinaryPrimitives.ReadInt32LittleEndian(span);
        span = span[4..];
        return value;
    }

    private static string ReadString(ref Span<byte> span)
    {
        var length = ReadInt(ref span);
        if (length < 0 || length > span.Length) throw Corrupt("tracks");
        var text = Encoding.UTF8.GetString(span[..length]);
        span = span[length..];
        return text;
    }

    private static void WriteInts(Span<byte> target, ReadOnlySpan<int> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(target);
            return;
        }
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt32LittleEndian(target[(4 * i)..], values[i]);
    }

    private static void ReadInts(ReadOnlySpan<byte> source, Span<int> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            source[..(4 * values.Length)].CopyTo(MemoryMarshal.AsBytes(values));
            return;
        }
        for (var i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]);
    }
}
