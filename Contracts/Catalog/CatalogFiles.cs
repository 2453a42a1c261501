using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Botify.Contracts.JsonLines;

namespace Botify.Contracts.Catalog;

/// <summary>
/// Strict readers of the reference catalog files. Every problem is a
/// <see cref="CatalogFileException"/> naming file, line and reason; nothing is dropped
/// silently: ids must be 32-bit and non-negative, keys unique, and every track a table
/// or the top list mentions must be in `tracks.json` (so no recommender can answer a
/// track the service would then reject). Unknown extra fields on a line are ignored.
/// </summary>
public static class CatalogFiles
{
    private const string TrackShape = "{\"track\":int,\"artist\":str,\"title\":str}";
    private const string TableShape = "{\"user\":int,\"tracks\":[int,...]} or {\"track\":int,\"recommendations\":[int,...]}";

    private static readonly JsonReaderOptions JsonOptions = new() { MaxDepth = 16 };

    /// <summary>Reads a whole catalog folder (see <see cref="CatalogFolder"/>) into a snapshot.</summary>
    public static CatalogSnapshot Read(string directory, string? version = null, CatalogFileLimits? limits = null, Action<CatalogFileRead>? onFileRead = null)
    {
        var folder = CatalogFolder.Discover(directory);
        return Read(folder, version ?? "files:" + Path.GetFileName(Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar)), limits, onFileRead);
    }

    public static CatalogSnapshot Read(CatalogFolder folder, string version, CatalogFileLimits? limits = null, Action<CatalogFileRead>? onFileRead = null)
    {
        limits ??= CatalogFileLimits.Default;
        var clock = Stopwatch.StartNew();
        var tracks = ReadTracks(folder.TracksPath, limits);
        onFileRead?.Invoke(new CatalogFileRead(folder.TracksPath, $"{tracks.Count:N0} tracks, {tracks.ArtistCount:N0} artists", tracks.Count, clock.Elapsed));
        int[] top = [];
        if (folder.TopTracksPath is { } topPath)
        {
            clock.Restart();
            top = ReadTopTracks(topPath, tracks, limits);
            onFileRead?.Invoke(new CatalogFileRead(topPath, $"{top.Length:N0} top tracks", top.Length, clock.Elapsed));
        }
        // Tables are independent once the tracks are known: read them in parallel, report the first bad file in name order.
        var read = new RecommendationTable?[folder.Tables.Count];
        var failed = new CatalogFileException?[folder.Tables.Count];
        Parallel.For(0, folder.Tables.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var file = folder.Tables[i];
            var tableClock = Stopwatch.StartNew();
            try
            {
                var table = read[i] = ReadTable(file.Path, file.Name, tracks, limits);
                var keys = table.KeyKind == TableKeyKind.User ? "users" : "tracks";
                onFileRead?.Invoke(new CatalogFileRead(file.Path, $"table {file.Name}: {table.RowCount:N0} {keys}", table.RowCount, tableClock.Elapsed));
            }
            catch (CatalogFileException e)
            {
                failed[i] = e;
            }
        });
        var tables = new Dictionary<string, RecommendationTable>(StringComparer.Ordinal);
        for (var i = 0; i < read.Length; i++)
        {
            if (failed[i] is { } error) throw error;
            tables.Add(folder.Tables[i].Name, read[i]!);
        }
        return new CatalogSnapshot(version, tracks, top, tables);
    }

    /// <summary>Reads `tracks.json`: JSON lines {"track":int,"artist":str,"title":str}, each track once.</summary>
    public static TrackCatalog ReadTracks(string path, CatalogFileLimits? limits = null)
    {
        limits ??= CatalogFileLimits.Default;
        var entries = new List<TrackEntry>();
        var firstLineOf = new int[1024];
        using (var lines = Open(path, limits))
        {
            while (NextLine(lines, path, out var line))
            {
                if (IsBlank(line)) continue;
                var at = new LineContext(path, (int)lines.LineNumber);
                var entry = ParseTrackLine(line, at, limits);
                if (entry.Track >= firstLineOf.Length) Array.Resize(ref firstLineOf, Math.Max(entry.Track + 1, firstLineOf.Length * 2));
                if (firstLineOf[entry.Track] != 0)
                {
                    throw at.Fail($"track {entry.Track} is already listed on line {firstLineOf[entry.Track]}; each track id must appear once");
                }
                firstLineOf[entry.Track] = at.Line;
                entries.Add(entry);
            }
        }
        if (entries.Count == 0) throw new CatalogFileException(path, 0, $"no tracks: the file is empty; expected JSON lines {TrackShape}");
        // Track-id order numbers artists the same way whatever the file order, so a catalog loaded back from Redis is identical.
        entries.Sort((a, b) => a.Track.CompareTo(b.Track));
        return TrackCatalog.Build(entries);
    }

    /// <summary>Reads `top_tracks.json`: one JSON list of distinct track ids, most popular first.</summary>
    public static int[] ReadTopTracks(string path, TrackCatalog? known, CatalogFileLimits? limits = null)
    {
        limits ??= CatalogFileLimits.Default;
        var length = new FileInfo(path).Length;
        if (length > limits.MaxTopTracksBytes)
        {
            throw new CatalogFileException(path, 0, $"file is {length:N0} bytes, over the {limits.MaxTopTracksBytes:N0}-byte limit for a top list");
        }
        var bytes = File.ReadAllBytes(path);
        ReadOnlySpan<byte> data = bytes;
        if (data.StartsWith("\uFEFF"u8)) data = data[3..];
        if (IsBlank(data)) throw new CatalogFileException(path, 0, "file is empty; expected one JSON list of track ids like [3, 17, 5]");
        var reader = new Utf8JsonReader(data, JsonOptions);
        var top = new List<int>();
        var seen = new HashSet<int>();
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw Fail(path, data, ref reader, $"expected one JSON list of track ids like [3, 17, 5], got {Describe(ref reader)}");
            }
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var at = new LineContext(path, LineOf(data, reader.TokenStartIndex));
                var track = ReadId(ref reader, "top track", limits.MaxTrackId, at);
                if (known is not null && !known.Contains(track))
                    throw at.Fail($"track {track} is not in tracks.json; the top list may only name catalog tracks");
                if (!seen.Add(track)) throw at.Fail($"track {track} appears twice in the top list; each track must appear once");
                top.Add(track);
            }
            if (reader.Read()) throw Fail(path, data, ref reader, "unexpected content after the list; the file must hold exactly one JSON list");
        }
        catch (JsonException e)
        {
            throw new CatalogFileException(path, (int)(e.LineNumber ?? 0) + 1, BadJson(e));
        }
        return top.ToArray();
    }

    /// <summary>
    /// Reads `recommendations_&lt;name&gt;.json`: JSON lines, all per-user {"user","tracks"} or all
    /// per-track {"track","recommendations"} (the first row decides), each key once.
    /// </summary>
    public static RecommendationTable ReadTable(string path, string name, TrackCatalog? known, CatalogFileLimits? limits = null)
    {
        limits ??= CatalogFileLimits.Default;
        TableKeyKind? kind = null;
        var kindLine = 0;
        var rows = new Dictionary<int, int[]>();
        var scratch = new List<int>(256);
        using (var lines = Open(path, limits))
        {
            while (NextLine(lines, path, out var line))
            {
                if (IsBlank(line)) continue;
                var at = new LineContext(path, (int)lines.LineNumber);
                var (lineKind, key, list) = ParseTableLine(line, at, known, limits, scratch);
                if (kind is null)
                {
                    kind = lineKind;
                    kindLine = at.Line;
                }
                else if (kind != lineKind)
                {
                    throw at.Fail($"this row is {Describe(lineKind)} but line {kindLine} made the table {Describe(kind.Value)}; a table holds one kind of row");
                }
                if (!rows.TryAdd(key, list))
                {
                    var keyName = lineKind == TableKeyKind.User ? "user" : "track";
                    throw at.Fail($"{keyName} {key} already has a row earlier in the file; each {keyName} must have one row");
                }
            }
        }
        if (kind is null) throw new CatalogFileException(path, 0, $"no rows: the file is empty; expected JSON lines {TableShape}");
        return new RecommendationTable(name, kind.Value, rows);
    }

    private static JsonLinesReader Open(string path, CatalogFileLimits limits)
    {
        try
        {
            return new JsonLinesReader(path, limits.MaxLineBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CatalogFileException(path, 0, $"cannot open: {e.Message}");
        }
    }

    /// <summary>The next line of a catalog file; false at the end. A line over the limit is fatal: a catalog must be whole.</summary>
    private static bool NextLine(JsonLinesReader lines, string path, out ReadOnlySpan<byte> line)
    {
        var status = lines.Read(out line);
        if (status == JsonLineStatus.TooLong)
        {
            throw new CatalogFileException(path, (int)lines.LineNumber,
                $"line is longer than {lines.MaxLineBytes:N0} bytes (the limit); each line must be one JSON object — is this a JSON-lines file?");
        }
        return status == JsonLineStatus.Line;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a publish is a short run: parse at full speed from the first line
    private static TrackEntry ParseTrackLine(ReadOnlySpan<byte> line, LineContext at, CatalogFileLimits limits)
    {
        var reader = new Utf8JsonReader(line, JsonOptions);
        var track = -1;
        string? artist = null;
        string? title = null;
        try
        {
            ExpectObject(ref reader, at, TrackShape);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("track"u8))
                {
                    if (track >= 0) throw Duplicate(at, "track");
                    reader.Read();
                    track = ReadId(ref reader, "track", limits.MaxTrackId, at);
                }
                else if (reader.ValueTextEquals("artist"u8))
                {
                    if (artist is not null) throw Duplicate(at, "artist");
                    reader.Read();
                    artist = ReadString(ref reader, "artist", at);
                }
                else if (reader.ValueTextEquals("title"u8))
                {
                    if (title is not null) throw Duplicate(at, "title");
                    reader.Read();
                    title = ReadString(ref reader, "title", at);
                }
                else
                {
                    reader.Skip();
                }
            }
            ExpectEnd(ref reader, at);
        }
        catch (JsonException e)
        {
            throw at.Fail(BadJson(e));
        }
        if (track < 0) throw Missing(at, "track", TrackShape);
        if (artist is null) throw Missing(at, "artist", TrackShape);
        if (title is null) throw Missing(at, "title", TrackShape);
        return new TrackEntry(track, artist, title);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a publish is a short run: parse at full speed from the first line
    private static (TableKeyKind Kind, int Key, int[] List) ParseTableLine(
        ReadOnlySpan<byte> line, LineContext at, TrackCatalog? known, CatalogFileLimits limits, List<int> scratch)
    {
        var reader = new Utf8JsonReader(line, JsonOptions);
        var user = -1;
        var track = -1;
        int[]? tracks = null;
        int[]? recommendations = null;
        try
        {
            ExpectObject(ref reader, at, TableShape);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("user"u8))
                {
                    if (user >= 0) throw Duplicate(at, "user");
                    reader.Read();
                    user = ReadId(ref reader, "user", int.MaxValue, at);
                }
                else if (reader.ValueTextEquals("track"u8))
                {
                    if (track >= 0) throw Duplicate(at, "track");
                    reader.Read();
                    track = ReadId(ref reader, "track", limits.MaxTrackId, at);
                    if (known is not null && !known.Contains(track))
                        throw at.Fail($"track {track} is not in tracks.json; a per-track row needs a catalog track as its key");
                }
                else if (reader.ValueTextEquals("tracks"u8))
                {
                    if (tracks is not null) throw Duplicate(at, "tracks");
                    reader.Read();
                    tracks = ReadTrackList(ref reader, "tracks", known, limits, at, scratch);
                }
                else if (reader.ValueTextEquals("recommendations"u8))
                {
                    if (recommendations is not null) throw Duplicate(at, "recommendations");
                    reader.Read();
                    recommendations = ReadTrackList(ref reader, "recommendations", known, limits, at, scratch);
                }
                else
                {
                    reader.Skip();
                }
            }
            ExpectEnd(ref reader, at);
        }
        catch (JsonException e)
        {
            throw at.Fail(BadJson(e));
        }
        var perUser = user >= 0 || tracks is not null;
        var perTrack = track >= 0 || recommendations is not null;
        if (perUser && perTrack)
        {
            throw at.Fail($"the row mixes per-user fields (user, tracks) with per-track fields (track, recommendations); a row is {TableShape}");
        }
        if (perUser)
        {
            if (user < 0) throw Missing(at, "user", TableShape);
            if (tracks is null) throw Missing(at, "tracks", TableShape);
            return (TableKeyKind.User, user, tracks);
        }
        if (!perTrack) throw at.Fail($"the row has neither \"user\" nor \"track\"; a row is {TableShape}");
        if (track < 0) throw Missing(at, "track", TableShape);
        if (recommendations is null) throw Missing(at, "recommendations", TableShape);
        return (TableKeyKind.Track, track, recommendations);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a publish is a short run: parse at full speed from the first line
    private static int[] ReadTrackList(ref Utf8JsonReader reader, string field, TrackCatalog? known, CatalogFileLimits limits, LineContext at,
        List<int> scratch)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw at.Fail($"\"{field}\" must be a list of track ids, got {Describe(ref reader)}");
        scratch.Clear();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var track = ReadId(ref reader, $"track in \"{field}\"", limits.MaxTrackId, at);
            if (known is not null && !known.Contains(track))
                throw at.Fail($"track {track} in \"{field}\" is not in tracks.json; tables may only recommend catalog tracks");
            scratch.Add(track);
        }
        return scratch.ToArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // a publish is a short run: parse at full speed from the first line
    private static int ReadId(ref Utf8JsonReader reader, string what, int max, LineContext at)
    {
        if (reader.TokenType != JsonTokenType.Number) throw at.Fail($"{what} must be an integer id, got {Describe(ref reader)}");
        if (reader.TryGetInt32(out var id))
        {
            if (id < 0) throw at.Fail($"{what} {id} is negative; ids must be 0 or more");
            if (id > max) throw at.Fail($"{what} {id:D} is above the limit {max:D} for track ids");
            return id;
        }
        if (reader.TryGetInt64(out var big)) throw at.Fail($"{what} {big} does not fit in 32 bits; ids must be 0..2147483647");
        throw at.Fail($"{what} must be a whole number, got {Describe(ref reader)}");
    }

    private static string ReadString(ref Utf8JsonReader reader, string field, LineContext at)
    {
        if (reader.TokenType != JsonTokenType.String) throw at.Fail($"\"{field}\" must be a string, got {Describe(ref reader)}");
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw at.Fail($"\"{field}\" is not valid UTF-8 text; save the file as UTF-8");
        }
    }

    private static void ExpectObject(ref Utf8JsonReader reader, LineContext at, string shape)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject) throw at.Fail($"expected a JSON object {shape}, got {Describe(ref reader)}");
    }

    private static void ExpectEnd(ref Utf8JsonReader reader, LineContext at)
    {
        // A second value on the line throws JsonException here ("invalid after a single JSON value").
        if (reader.Read()) throw at.Fail("unexpected content after the object; one JSON object per line");
    }

    private static CatalogFileException Duplicate(LineContext at, string field) => at.Fail($"field \"{field}\" appears twice in the object");

    private static CatalogFileException Missing(LineContext at, string field, string shape) => at.Fail($"missing field \"{field}\"; expected {shape}");

    private static CatalogFileException Fail(string path, ReadOnlySpan<byte> data, ref Utf8JsonReader reader, string reason) =>
        new(path, LineOf(data, reader.TokenStartIndex), reason);

    private static int LineOf(ReadOnlySpan<byte> data, long position) => data[..(int)Math.Min(position, data.Length)].Count((byte)'\n') + 1;

    private static string BadJson(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        return $"bad JSON at byte {e.BytePositionInLine ?? 0}: {message}";
    }

    private static string Describe(TableKeyKind kind) => kind == TableKeyKind.User ? "per-user {\"user\",\"tracks\"}"
        : "per-track {\"track\",\"recommendations\"}";

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"the string \"{Shorten(Encoding.UTF8.GetString(reader.ValueSpan))}\"",
        JsonTokenType.Number => Shorten(Encoding.UTF8.GetString(reader.ValueSpan)),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.None => "nothing",
        _ => reader.TokenType.ToString(),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r\n"u8) < 0;

    private readonly record struct LineContext(string File, int Line)
    {
        public CatalogFileException Fail(string reason) => new(File, Line, reason);
    }
}
