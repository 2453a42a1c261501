using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Botify.Contracts.Catalog;

namespace Botify.Sim.World;

/// <summary>
/// Reads and writes a world folder: `tracks.json` (reference catalog format), `listeners.jsonl`,
/// `embeddings.bin` (magic, int32 tracks, int32 dimension, float32 little-endian rows) and `world.json`.
/// </summary>
public static class WorldFiles
{
    public const string Manifest = "world.json";
    public const string Tracks = "tracks.json";
    public const string ListenersFile = "listeners.jsonl";
    public const string EmbeddingsFile = "embeddings.bin";
    private static readonly byte[] Magic = "BTFYEMB1"u8.ToArray();

    public static void Write(SimWorld world, string directory)
    {
        Directory.CreateDirectory(directory);
        WriteTracks(world, Path.Combine(directory, Tracks));
        WriteListeners(world, Path.Combine(directory, ListenersFile));
        WriteEmbeddings(world, Path.Combine(directory, EmbeddingsFile));
        var sizes = new int[world.ArtistNames.Length];
        for (var a = 0; a < sizes.Length; a++) sizes[a] = world.TracksOfArtist[a].Length;
        Array.Sort(sizes);
        var manifest = new WorldManifest(1, "botify-sim (xoshiro256** / SplitMix64)", world.Options, Tracks, ListenersFile, EmbeddingsFile,
            sizes[sizes.Length / 2], (double)world.TrackCount / sizes.Length, sizes[^1]);
        File.WriteAllText(Path.Combine(directory, Manifest), JsonSerializer.Serialize(manifest, SimJsonContext.Default.WorldManifest) + "\n");
    }

    /// <summary>
    /// Loads a world folder in either layout: this simulator's (with <c>world.json</c>) or the course's (<c>tracks.json</c>,
    /// <c>tracks.npy</c>, <c>users.json</c>, see <see cref="CourseWorldFiles"/>). Throws <see cref="WorldFileException"/> naming the file and the fix.
    /// </summary>
    public static SimWorld Load(string directory)
    {
        var manifestPath = Path.Combine(directory, Manifest);
        if (!File.Exists(manifestPath))
        {
            if (CourseWorldFiles.LooksLikeCourseFolder(directory)) return CourseWorldFiles.Load(directory);
            throw new WorldFileException(
                $"world folder '{directory}': neither {Manifest} (a world of `sim world`) nor the course's {CourseWorldFiles.Tracks}, " +
                $"{CourseWorldFiles.Embeddings} and {CourseWorldFiles.Users} are there; create a world with `sim world --seed 42 --out {directory}`, " +
                "or put the course's three files in it");
        }
        var manifest = JsonSerializer.Deserialize(File.ReadAllText(manifestPath), SimJsonContext.Default.WorldManifest)
            ?? throw new WorldFileException($"{manifestPath}: empty manifest; regenerate the world");
        var options = manifest.Options;
        var (artistNames, artistOfTrack, titles) = ReadTracks(Path.Combine(directory, manifest.TracksFile), "regenerate the world (`sim world --out <dir>`)");
        var embeddings = ReadEmbeddings(Path.Combine(directory, manifest.EmbeddingsFile), artistOfTrack.Length, options.Dimension);
        var listeners = ReadListeners(Path.Combine(directory, manifest.ListenersFile), artistOfTrack.Length);
        return new SimWorld(options with { Tracks = artistOfTrack.Length, Listeners = listeners.Length }, artistNames, artistOfTrack, titles,
            embeddings, listeners);
    }

    /// <summary>The world's catalog as tracks.json lines (the reference format), track ids 0..n−1 in order.</summary>
    internal static void WriteTracks(SimWorld world, string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new Utf8JsonWriter(stream,
            new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        for (var t = 0; t < world.TrackCount; t++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("track", t);
            writer.WriteString("artist", world.ArtistNames[world.ArtistOfTrack[t]]);
            writer.WriteString("title", world.Titles[t]);
            writer.WriteEndObject();
            writer.Flush();
            stream.WriteByte((byte)'\n');
            writer.Reset();
        }
    }

    private static void WriteListeners(SimWorld world, string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new Utf8JsonWriter(stream);
        for (var l = 0; l < world.Listeners.Length; l++)
        {
            var listener = world.Listeners[l];
            writer.WriteStartObject();
            writer.WriteNumber("listener", l);
            writer.WriteStartArray("interests");
            foreach (var track in listener.Interests) writer.WriteNumberValue(track);
            writer.WriteEndArray();
            writer.WriteNumber("consume_bias", listener.ConsumeBias);
            writer.WriteNumber("consume_sharpness", listener.ConsumeSharpness);
            writer.WriteStartArray("interest_neighbours");
            foreach (var row in listener.InterestNeighbours)
            {
                writer.WriteStartArray();
                foreach (var track in row) writer.WriteNumberValue(track);
                writer.WriteEndArray();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.Flush();
            stream.WriteByte((byte)'\n');
            writer.Reset();
        }
    }

    private static void WriteEmbeddings(SimWorld world, string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Span<byte> header = stackalloc byte[16];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], world.TrackCount);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], world.Dimension);
        stream.Write(header);
        var bytes = new byte[world.Embeddings.Length * sizeof(float)];
        for (var i = 0; i < world.Embeddings.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), world.Embeddings[i]);
        stream.Write(bytes);
    }

    // tracks.json is the service's catalog format, read by the contract's strict reader; the world adds
    // that track ids are 0..n−1 (the embeddings are indexed by them). `fix` ends the messages.
    internal static (string[] ArtistNames, int[] ArtistOfTrack, string[] Titles) ReadTracks(string path, string fix)
    {
        if (!File.Exists(path)) throw new WorldFileException($"{path} not found; {fix}");
        TrackCatalog catalog;
        try
        {
            catalog = CatalogFiles.ReadTracks(path);
        }
        catch (CatalogFileException e)
        {
            throw new WorldFileException($"{e.Message} (expected {{\"track\":int,\"artist\":str,\"title\":str}} lines); {fix}");
        }
        var count = catalog.Count;
        if (catalog.AllTracks[^1] != count - 1)
            throw new WorldFileException($"{path}: track ids must be 0..{count - 1} each once (largest id {catalog.AllTracks[^1]}); {fix}");
        var names = new string[catalog.ArtistCount];
        for (var a = 0; a < names.Length; a++) names[a] = catalog.ArtistName(a);
        var artistOfTrack = new int[count];
        var titles = new string[count];
        for (var track = 0; track < count; track++)
        {
            artistOfTrack[track] = catalog.ArtistOf(track);
            titles[track] = catalog.TitleOf(track);
        }
        return (names, artistOfTrack, titles);
    }

    private static float[] ReadEmbeddings(string path, int tracks, int dimension)
    {
        if (!File.Exists(path)) throw new WorldFileException($"{path} not found; regenerate the world with `sim world --out <dir>`");
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 16 || !bytes.AsSpan(0, 8).SequenceEqual(Magic))
            throw new WorldFileException($"{path}: not a simulator embeddings file (bad header); regenerate the world");
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        var dim = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        if (count != tracks || dim != dimension || bytes.Length != 16 + (long)count * dim * sizeof(float))
            throw new WorldFileException($"{path}: holds {count}×{dim} floats but the catalog has {tracks} tracks of dimension {dimension}; " +
                $"regenerate the world");
        var embeddings = new float[count * dim];
        for (var i = 0; i < embeddings.Length; i++)
            embeddings[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(16 + i * sizeof(float)));
        return embeddings;
    }

    private static ListenerProfile[] ReadListeners(string path, int tracks)
    {
        if (!File.Exists(path)) throw new WorldFileException($"{path} not found; regenerate the world with `sim world --out <dir>`");
        var listeners = new List<ListenerProfile>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                var interests = ReadInts(root.GetProperty("interests"));
                var rows = root.GetProperty("interest_neighbours");
                var neighbours = new int[rows.GetArrayLength()][];
                var k = 0;
                foreach (var row in rows.EnumerateArray()) neighbours[k++] = ReadInts(row);
                if (neighbours.Length != interests.Length) throw new FormatException("one neighbour row per interest expected");
                foreach (var track in interests) CheckTrack(track, tracks);
                foreach (var row in neighbours)
                {
                    if (row.Length == 0) throw new FormatException("an interest has no neighbours");
                    foreach (var track in row) CheckTrack(track, tracks);
                }
                listeners.Add(new ListenerProfile(interests, root.GetProperty("consume_bias").GetDouble(),
                    root.GetProperty("consume_sharpness").GetDouble(), neighbours));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new WorldFileException($"{path} line {lineNumber}: not a listener line ({e.Message}); regenerate the world");
            }
        }
        if (listeners.Count == 0) throw new WorldFileException($"{path}: no listeners; regenerate the world with --listeners > 0");
        return listeners.ToArray();
    }

    private static int[] ReadInts(JsonElement array)
    {
        var result = new int[array.GetArrayLength()];
        var i = 0;
        foreach (var item in array.EnumerateArray()) result[i++] = item.GetInt32();
        return result;
    }

    private static void CheckTrack(int track, int tracks)
    {
        if (track < 0 || track >= tracks) throw new FormatException($"track {track} is not in the catalog (0..{tracks - 1})");
    }
}
